import { lineDiff } from './lineDiff';

describe('lineDiff', () => {
  it('shows a renamed field as one line out and one in, with context', () => {
    const before = [
      '{',
      '  "id": "t-1",',
      '  "accountId": "a-1",',
      '  "amount": 1',
      '}',
    ].join('\n');
    const after = [
      '{',
      '  "id": "t-1",',
      '  "accountRef": "a-1",',
      '  "amount": 1',
      '}',
    ].join('\n');
    expect(lineDiff(before, after, 1)).toEqual([
      { kind: ' ', text: '  "id": "t-1",' },
      { kind: '-', text: '  "accountId": "a-1",' },
      { kind: '+', text: '  "accountRef": "a-1",' },
      { kind: ' ', text: '  "amount": 1' },
    ]);
  });

  it('answers nothing changed with no lines, and refuses texts too long to compare', () => {
    expect(lineDiff('a\nb', 'a\nb')).toEqual([]);
    expect(lineDiff('x\n'.repeat(5000), 'y')).toBeUndefined();
  });
});
