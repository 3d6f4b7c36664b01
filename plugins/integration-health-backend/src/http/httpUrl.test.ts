import { httpUrl } from './httpUrl';

describe('httpUrl', () => {
  it.each([
    // eslint-disable-next-line no-script-url
    ['javascript:alert(1)', 'must be an http(s) URL'],
    ['data:text/html,<script>alert(1)</script>', 'must be an http(s) URL'],
    ['https://wiki.example.com/pm\r\nX-INJECTED:1', 'control characters'],
    ['https://wiki.example.com/pm\rBEGIN:VEVENT', 'control characters'],
    ['https://wiki.example.com/\tpm', 'control characters'],
  ])('refuses %j', (url, reason) => {
    const result = httpUrl.safeParse(url);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map(i => i.message).join()).toContain(reason);
  });

  it('keeps an http(s) link as it was given', () => {
    expect(httpUrl.parse('https://wiki.example.com/pm/7?x=1#a')).toBe(
      'https://wiki.example.com/pm/7?x=1#a',
    );
  });
});
