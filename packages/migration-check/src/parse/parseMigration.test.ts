import { MigrationInputError } from '../errors';
import { parseMigration } from './parseMigration';

describe('parseMigration', () => {
  it('splits statements and gives the line of each first token, past comments', async () => {
    const sql = [
      '-- accounts',
      'CREATE TABLE a (id int);',
      '',
      '/* a /* nested */ comment */',
      '  ALTER TABLE a ADD COLUMN b text;',
      "INSERT INTO a VALUES (1, 'x')",
    ].join('\n');
    const { statements } = await parseMigration({ id: 'm1', sql });
    expect(statements.map(s => [Object.keys(s.node)[0], s.line])).toEqual([
      ['CreateStmt', 2],
      ['AlterTableStmt', 5],
      ['InsertStmt', 6],
    ]);
    expect(statements[1].text.trim()).toBe('ALTER TABLE a ADD COLUMN b text');
  });

  it('cuts statements right after multi-byte characters', async () => {
    const sql =
      "COMMENT ON TABLE a IS 'Konten für Zahlungen – €';\nALTER TABLE a DROP COLUMN b;";
    const { statements } = await parseMigration({ id: 'm', sql });
    expect(statements[1].text.trim()).toBe('ALTER TABLE a DROP COLUMN b');
    expect(statements[1].line).toBe(2);
  });

  it('names file, line and column of SQL that does not parse', async () => {
    const sql = "SELECT 'é';\n\nALTER TABEL a ADD b int;";
    const error = await parseMigration({
      id: '0002',
      file: 'migrations/0002.sql',
      sql,
    }).catch(e => e);
    expect(error).toBeInstanceOf(MigrationInputError);
    expect(error.code).toBe('syntax');
    expect(error.location).toEqual({
      migrationId: '0002',
      file: 'migrations/0002.sql',
      line: 3,
      column: 7,
    });
    expect(error.describe()).toBe(
      'migrations/0002.sql, line 3, column 7: syntax error at or near "TABEL"',
    );
  });

  it('refuses a migration over the size bound before parsing it', async () => {
    await expect(
      parseMigration(
        { id: 'big', sql: 'SELECT 1;'.repeat(20) },
        { maxSqlBytes: 100 },
      ),
    ).rejects.toMatchObject({
      code: 'too-large',
      message: 'migration is 180 bytes, over the limit of 100',
    });
  });

  it('reads an empty migration as no statements', async () => {
    await expect(
      parseMigration({ id: 'empty', sql: '-- nothing yet\n' }),
    ).resolves.toMatchObject({ statements: [] });
  });
});
