import {
  decodeSourceCursor,
  encodeSourceCursor,
  isRecordOf,
} from './sourceCursor';

const isNumbers = (value: unknown): value is Record<string, number> =>
  isRecordOf(value, (n): n is number => typeof n === 'number');
const now = Date.parse('2026-12-03T12:00:00Z');
const decode = (text: string | undefined, fullReadIntervalMs = 3_600_000) =>
  decodeSourceCursor(text, { isSeen: isNumbers, now, fullReadIntervalMs });

describe('source cursors', () => {
  const cursor = { fullReadAt: '2026-12-03T11:30:00.000Z', seen: { a: 1 } };

  it('gives back what the source wrote while its full read is younger than the interval', () => {
    expect(decode(encodeSourceCursor(cursor))).toEqual(cursor);
    expect(decode(encodeSourceCursor(cursor), 30 * 60_000)).toBeUndefined();
  });

  it('is undefined for no cursor, garbage, another version, a bad date or a part the source does not recognise', () => {
    expect(decode(undefined)).toBeUndefined();
    expect(decode('{"v": 1, "fullReadAt": ')).toBeUndefined();
    expect(decode(JSON.stringify({ ...cursor, v: 2 }))).toBeUndefined();
    expect(
      decode(encodeSourceCursor({ ...cursor, fullReadAt: 'yesterday' })),
    ).toBeUndefined();
    expect(
      decode(encodeSourceCursor({ ...cursor, seen: { a: 'one' } })),
    ).toBeUndefined();
    expect(decode('null')).toBeUndefined();
  });
});
