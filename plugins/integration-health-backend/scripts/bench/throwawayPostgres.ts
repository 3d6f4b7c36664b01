import { spawn } from 'node:child_process';
import path from 'node:path';

/**
 * The PostgreSQL that BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING
 * names, or else a throwaway cluster started with the repo's
 * scripts/postgres-env.sh, which stops when `stop` closes its shell.
 */
export async function postgresForBench(): Promise<{
  url?: string;
  reason?: string;
  stop: () => void;
}> {
  const given =
    process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
  if (given) return { url: given, stop: () => {} };
  const script = path.resolve(__dirname, '../../../../scripts/postgres-env.sh');
  const shell = spawn(
    'bash',
    [
      '-c',
      `source "${script}" && start_test_postgres && echo "$BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING" && read -r _`,
    ],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const url = await new Promise<string | undefined>(resolve => {
    let out = '';
    shell.stdout.on('data', chunk => {
      out += chunk;
      if (out.includes('\n')) resolve(out.trim());
    });
    shell.on('close', () => resolve(undefined));
  });
  return {
    url,
    reason: url ? undefined : 'no PostgreSQL server binaries found',
    stop: () => shell.stdin.end(),
  };
}
