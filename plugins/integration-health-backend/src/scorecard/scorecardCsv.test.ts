import { csvCell } from './ScorecardService';

describe('csvCell', () => {
  it.each([
    [
      '=HYPERLINK("https://evil.example","x")',
      `"'=HYPERLINK(""https://evil.example"",""x"")"`,
    ],
    ['+1+1', "'+1+1"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['\r=1', `"'\r=1"`],
  ])('keeps a spreadsheet from running %j as a formula', (text, cell) => {
    expect(csvCell(text)).toBe(cell);
  });

  it('writes numbers, plain text and missing values as they are, quoting separators', () => {
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(0.5)).toBe('0.5');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell('group:default/payments')).toBe('group:default/payments');
    expect(csvCell('EUR 1,200.00; USD 3')).toBe('"EUR 1,200.00; USD 3"');
  });
});
