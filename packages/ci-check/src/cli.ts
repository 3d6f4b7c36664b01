import fs from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { parseDocument } from 'yaml';
import { BreakingChangeCheckResult } from '@integration-health/plugin-integration-health-common';
import { fullRef } from './entityRef';
import { formatMigrationResult } from './formatMigrationResult';
import { formatResult } from './formatResult';
import { checkMigration } from './migrationCheck';
import { runMocks } from './mocksCommand';
import { callPortal, portalOf, PortalError, UsageError } from './portal';

const USAGE = `Usage: integration-health-check --api <api entity ref> --spec <candidate spec, or API entity file>
  [--base <spec file>]           compare with this instead of the portal's current definition
  [--announce <YYYY-MM-DD>]      file breaking changes not on the calendar yet, effective that day
  [--title <text>]               the title of that entry
  [--url <portal url>]           or BACKSTAGE_URL (https, or http to this machine)
  [--json]                       print the portal's answer as JSON
   or: integration-health-check --resource <database resource ref> --migration <candidate .sql file>
  [--url <portal url>]           or BACKSTAGE_URL (https, or http to this machine)
  [--json]                       print the portal's answer as JSON
The external access token comes from BACKSTAGE_TOKEN only: arguments are
visible to every user of the machine.
Exit code: 0 passed, 1 an unacknowledged breaking change reaches a consumer
(or the migration does not apply), 2 the check could not run.

integration-health-check mocks --help: a consumer's mocks generated from the provider's current spec.`;

const MAX_SPEC_BYTES = 20 * 1024 * 1024;

/**
 * A spec file, or the definition inside a Backstage API entity file
 * (catalog-info.yaml with `kind: API` and an inline `spec.definition`).
 */
async function readSpec(file: string): Promise<string> {
  const stat = await fs.stat(file).catch(() => undefined);
  if (!stat?.isFile()) throw new UsageError(`${file} is not a file`);
  if (stat.size > MAX_SPEC_BYTES)
    throw new UsageError(`${file} is larger than 20 MB`);
  const text = await fs.readFile(file, 'utf8');
  if (
    /^apiVersion:\s*backstage\.io\//m.test(text) &&
    /^kind:\s*API\s*$/m.test(text)
  ) {
    const entity = parseDocument(text).toJS({ maxAliasCount: 100 });
    if (typeof entity?.spec?.definition !== 'string') {
      throw new UsageError(
        `${file} is an API entity without an inline spec.definition`,
      );
    }
    return entity.spec.definition;
  }
  return text;
}

function options(argv: string[], env: Record<string, string | undefined>) {
  const { values } = parseArgs({
    args: argv,
    options: {
      api: { type: 'string' },
      spec: { type: 'string' },
      resource: { type: 'string' },
      migration: { type: 'string' },
      base: { type: 'string' },
      announce: { type: 'string' },
      title: { type: 'string' },
      url: { type: 'string' },
      token: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) return undefined;
  const portal = portalOf(values, env);
  if (values.resource !== undefined || values.migration !== undefined) {
    const specOnly = (['api', 'spec', 'base', 'announce', 'title'] as const)
      .filter(name => values[name] !== undefined)
      .map(name => `--${name}`);
    if (specOnly.length > 0) {
      throw new UsageError(
        `--resource and --migration check a database migration: they cannot be combined with ${specOnly.join(
          ', ',
        )}`,
      );
    }
    if (!values.resource || !values.migration)
      throw new UsageError('--resource and --migration are required together');
    return {
      kind: 'migration' as const,
      resource: fullRef(values.resource, 'resource'),
      migration: values.migration,
      json: values.json,
      portal,
    };
  }
  if (!values.api || !values.spec)
    throw new UsageError('--api and --spec are required');
  if (values.announce && !/^\d{4}-\d\d-\d\d$/.test(values.announce)) {
    throw new UsageError('--announce takes a date, YYYY-MM-DD');
  }
  return {
    ...values,
    kind: 'spec' as const,
    api: values.api,
    spec: values.spec,
    portal,
  };
}

/**
 * Runs the check and answers the exit code; prints to the given streams.
 */
export async function main(
  argv: string[],
  env: Record<string, string | undefined> = process.env,
  out: (line: string) => void = line => process.stdout.write(`${line}\n`),
  err: (line: string) => void = line => process.stderr.write(`${line}\n`),
): Promise<number> {
  if (argv[0] === 'mocks') return runMocks(argv.slice(1), env, out, err);
  try {
    const opts = options(argv, env);
    if (!opts) {
      out(USAGE);
      return 0;
    }
    if (opts.kind === 'migration') {
      const result = await checkMigration(
        opts.portal,
        opts.resource,
        opts.migration,
      );
      if (opts.json) out(JSON.stringify(result, null, 2));
      else
        formatMigrationResult(result, opts.portal.url).forEach(line =>
          out(line),
        );
      return result.passed ? 0 : 1;
    }
    const body = {
      apiRef: opts.api,
      spec: await readSpec(opts.spec),
      base: opts.base ? await readSpec(opts.base) : undefined,
      announce: opts.announce
        ? { effectiveAt: `${opts.announce}T00:00:00.000Z`, title: opts.title }
        : undefined,
    };
    const result = await callPortal<BreakingChangeCheckResult>(
      opts.portal,
      '/v1/calendar/check',
      { method: 'POST', body, what: 'the check' },
    );
    if (opts.json) out(JSON.stringify(result, null, 2));
    else formatResult(result, opts.portal.url).forEach(line => out(line));
    return result.passed ? 0 : 1;
  } catch (error) {
    if (
      error instanceof UsageError ||
      (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
    ) {
      err(`${(error as Error).message}\n${USAGE}`);
      return 2;
    }
    if (error instanceof PortalError) {
      err(error.message);
      return 2;
    }
    err(`The check could not run: ${(error as Error).message}`);
    return 2;
  }
}
