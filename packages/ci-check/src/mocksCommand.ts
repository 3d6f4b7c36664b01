import fs from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  EntityIntegrations,
  GeneratedMockBundle,
} from '@integration-health/plugin-integration-health-common';
import { fullRef } from './entityRef';
import { callPortal, portalOf, PortalError, UsageError } from './portal';

const USAGE = `Usage: integration-health-check mocks --consumer <component ref> --provider <component ref>
  [--api <api entity ref>]       only the mocks of this API (default: every API the consumer uses of the provider)
  [--format wiremock|pact]       default: WireMock mappings for HTTP APIs, pact for event APIs
  [--out <folder>]               where to write them (default: ./mocks)
  [--url <portal url>]           or BACKSTAGE_URL (https, or http to this machine)
Writes the consumer's mocks generated from the provider's current spec, one
file per API, named after the consumer, the API and the spec version.
The external access token comes from BACKSTAGE_TOKEN only.
Exit code: 0 written, 2 they could not be.`;

function options(argv: string[], env: Record<string, string | undefined>) {
  const { values } = parseArgs({
    args: argv,
    options: {
      consumer: { type: 'string' },
      provider: { type: 'string' },
      api: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string', default: 'mocks' },
      url: { type: 'string' },
      token: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) return undefined;
  const portal = portalOf(values, env);
  if (!values.consumer || !values.provider)
    throw new UsageError('--consumer and --provider are required');
  if (values.format && !['wiremock', 'pact'].includes(values.format))
    throw new UsageError('--format is wiremock or pact');
  return {
    portal,
    consumer: fullRef(values.consumer, 'component'),
    provider: fullRef(values.provider, 'component'),
    api: values.api ? fullRef(values.api, 'api') : undefined,
    format: values.format as 'wiremock' | 'pact' | undefined,
    out: values.out!,
  };
}

/**
 * `integration-health-check mocks`: writes a consumer's mocks of a provider,
 * generated from its current spec, for pipelines that keep mocks in the
 * consumer's repository. Answers the exit code.
 */
export async function runMocks(
  argv: string[],
  env: Record<string, string | undefined>,
  out: (line: string) => void,
  err: (line: string) => void,
): Promise<number> {
  try {
    const opts = options(argv, env);
    if (!opts) {
      out(USAGE);
      return 0;
    }
    const [kind, rest] = opts.consumer.split(':');
    const { upstream } = await callPortal<EntityIntegrations>(
      opts.portal,
      `/v1/entities/${kind}/${rest}/integrations`,
      { what: `the integrations of ${opts.consumer}` },
    );
    const integrations = upstream.filter(
      i =>
        i.providerRef === opts.provider &&
        i.apiRef &&
        (!opts.api || i.apiRef === opts.api),
    );
    if (integrations.length === 0) {
      err(
        `${opts.consumer} uses no API of ${opts.provider}${
          opts.api ? ` named ${opts.api}` : ''
        } in the catalog`,
      );
      return 2;
    }
    await fs.mkdir(opts.out, { recursive: true });
    for (const integration of integrations) {
      const format =
        opts.format ?? (integration.kind === 'event' ? 'pact' : 'wiremock');
      const bundle = await callPortal<GeneratedMockBundle>(
        opts.portal,
        `/v1/integrations/${encodeURIComponent(
          integration.id,
        )}/generated-mocks?format=${format}`,
        { what: `the mocks of ${integration.apiRef}` },
      );
      // The portal names the file; only its base name is used.
      const file = path.join(opts.out, path.basename(bundle.fileName));
      await fs.writeFile(file, `${JSON.stringify(bundle.content, null, 2)}\n`);
      out(
        `${file}: ${bundle.stubs.length} stubs for ${
          bundle.operations.length
        } operations of ${integration.apiRef}${
          bundle.specVersion ? `, made from ${bundle.specVersion}` : ''
        }`,
      );
    }
    return 0;
  } catch (error) {
    if (
      error instanceof UsageError ||
      (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
    ) {
      err(`${(error as Error).message}\n${USAGE}`);
      return 2;
    }
    err(
      error instanceof PortalError
        ? error.message
        : `The mocks could not be written: ${(error as Error).message}`,
    );
    return 2;
  }
}
