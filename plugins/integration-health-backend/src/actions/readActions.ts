import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { NotFoundError } from '@backstage/errors';
import type { ActionServices } from './registerIntegrationHealthActions';

const REF_HELP =
  'An entity ref, kind:namespace/name, e.g. component:default/transaction-processing';

/** What kind of scorecard row a ref is: a system, a domain, else a team. */
function kindOf(ref: string): 'team' | 'system' | 'domain' {
  if (ref.startsWith('system:')) return 'system';
  return ref.startsWith('domain:') ? 'domain' : 'team';
}

/**
 * The read-only actions: what an integration is and who owns it, what a
 * change reaches, what is on the calendar, what the CI checks say, and a
 * team's scorecard row.
 */
export function registerReadActions(
  registry: ActionsRegistryService,
  services: ActionServices,
): void {
  const read = { readOnly: true, idempotent: true, destructive: false };

  registry.register({
    name: 'get-integrations',
    title: 'Integrations of an entity',
    description:
      'Lists the integrations of a catalog entity (component, API or resource): what it consumes (upstream) and what consumes it (downstream), each with the consumer, provider, API, the consumer and provider owners, the accountable owner of the integration itself, its contract and mock freshness scores (0-100, or unknown) and its findings (missing owner, stale mocks). Use it to answer "who owns this integration?" or "what does this service depend on?".',
    attributes: read,
    schema: {
      input: z => z.object({ entityRef: z.string().min(3).describe(REF_HELP) }),
      output: z =>
        z.object({
          entityRef: z.string(),
          upstream: z.array(z.object({}).passthrough()),
          downstream: z.array(z.object({}).passthrough()),
        }),
    },
    examples: [
      {
        title: 'Who owns the integrations of transaction processing',
        input: { entityRef: 'component:default/transaction-processing' },
      },
    ],
    action: async ({ input, credentials }) => {
      const found = await services.queryService.getEntityIntegrations(
        input.entityRef,
        credentials,
      );
      return {
        output: {
          entityRef: found.entityRef,
          upstream: found.upstream as {}[],
          downstream: found.downstream as {}[],
        },
      };
    },
  });

  registry.register({
    name: 'get-blast-radius',
    title: 'Blast radius of a change',
    description:
      'Answers "what breaks if I change this API (or service, or database)?": every consumer a change to the entity reaches through declared integrations, transitively up to the given depth, each with the path by which it is reached. With followObserved, also follows calls seen in production that the catalog does not declare (marked via: observed).',
    attributes: read,
    schema: {
      input: z =>
        z.object({
          entityRef: z
            .string()
            .min(3)
            .describe(
              'The API, component or resource that changes, e.g. api:default/transaction-events',
            ),
          depth: z.number().int().min(1).max(10).default(3),
          followObserved: z.boolean().default(false),
        }),
      output: z =>
        z.object({
          apiRef: z.string(),
          consumers: z.array(
            z
              .object({
                ref: z.string(),
                depth: z.number(),
                path: z.array(z.string()),
              })
              .passthrough(),
          ),
          truncated: z.object({ depth: z.boolean(), nodes: z.boolean() }),
        }),
    },
    examples: [
      {
        title: 'Who a change to the transaction events reaches',
        input: {
          entityRef: 'api:default/transaction-events',
          depth: 3,
          followObserved: false,
        },
      },
    ],
    action: async ({ input, credentials }) => {
      const radius = await services.graphService.getBlastRadius(
        input.entityRef,
        { depth: input.depth, maxNodes: 1000 },
        credentials,
        input.followObserved ? 'both' : 'declared',
      );
      return {
        output: {
          apiRef: radius.apiRef,
          consumers: radius.consumers,
          truncated: radius.truncated,
        },
      };
    },
  });

  registry.register({
    name: 'list-breaking-changes',
    title: 'Breaking changes on the calendar',
    description:
      'Lists entries of the breaking-change calendar: breaking API changes and database migrations, detected or announced, with their effective date, the date consumers must acknowledge by, and each reached consumer with its owner and acknowledgement state (pending, overdue, acknowledged). Filter by the API or resource that changes, by an owning team (entries it announced or whose consumers it owns), and by state. Use it to answer "has the consumer acknowledged?".',
    attributes: read,
    schema: {
      input: z =>
        z.object({
          entityRef: z
            .string()
            .optional()
            .describe('Only changes to this API or database resource'),
          ownerRef: z
            .string()
            .optional()
            .describe(
              'Only entries of this team, e.g. group:default/ledger-engineering',
            ),
          state: z
            .enum(['pending', 'overdue', 'acknowledged', 'cancelled'])
            .optional(),
        }),
      output: z => z.object({ entries: z.array(z.object({}).passthrough()) }),
    },
    examples: [
      {
        title: 'What the ledger team has not acknowledged',
        input: {
          ownerRef: 'group:default/ledger-engineering',
          state: 'pending',
        },
      },
    ],
    action: async ({ input, credentials }) => {
      const entries = await services.calendarService.list(
        {
          apiRef: input.entityRef,
          ownerRef: input.ownerRef,
          state: input.state,
        },
        credentials,
      );
      return { output: { entries: entries as {}[] } };
    },
  });

  registry.register({
    name: 'check-spec-change',
    title: 'Check a candidate API spec',
    description:
      "Runs the provider's CI check on a candidate spec of an API (OpenAPI, AsyncAPI, JSON Schema or GraphQL SDL) against its current definition (or a given base): the breaking changes, the consumers each reaches and whether they acknowledged. passed is false when an unacknowledged breaking change reaches a consumer. Files nothing on the calendar.",
    attributes: read,
    schema: {
      input: z =>
        z.object({
          apiRef: z
            .string()
            .min(3)
            .describe('e.g. api:default/transaction-events'),
          spec: z
            .string()
            .min(1)
            .max(20_000_000)
            .describe('The candidate spec, as text'),
          base: z.string().max(20_000_000).optional(),
        }),
      output: z =>
        z
          .object({
            apiRef: z.string(),
            passed: z.boolean(),
            unacknowledged: z.number(),
            breaking: z.array(z.object({}).passthrough()),
          })
          .passthrough(),
    },
    examples: [
      {
        title: 'Would this AsyncAPI change break the consumers of the events?',
        input: {
          apiRef: 'api:default/transaction-events',
          spec: 'asyncapi: 2.6.0\ninfo: { title: Transaction events, version: 3.0.0 }\nchannels: {}\n',
        },
      },
    ],
    action: async ({ input, credentials }) => ({
      output: await services.breakingChangeCheck.check(
        { apiRef: input.apiRef, candidate: input.spec, base: input.base },
        credentials,
      ),
    }),
  });

  registry.register({
    name: 'check-migration',
    title: 'Check a candidate database migration',
    description:
      "Runs the CI check on a candidate PostgreSQL migration of a database resource: its classified changes, a dry run on an embedded PostgreSQL after the resource's migration history, each consumer's declared queries that no longer prepare (with PostgreSQL's error) and their acknowledgements. passed is false when the migration does not apply or breaks a consumer that has not acknowledged.",
    attributes: read,
    schema: {
      input: z =>
        z.object({
          resourceRef: z
            .string()
            .min(3)
            .describe('e.g. resource:default/transactions-db'),
          id: z.string().min(1).max(255).describe("The migration's file name"),
          sql: z.string().min(1).max(5_000_000),
        }),
      output: z =>
        z
          .object({
            resourceRef: z.string(),
            migrationId: z.string(),
            passed: z.boolean(),
            consumers: z.array(z.object({}).passthrough()),
          })
          .passthrough(),
    },
    examples: [
      {
        title: 'Does renaming a column break the services that read it?',
        input: {
          resourceRef: 'resource:default/transactions-db',
          id: '202612010900_rename_account_no.sql',
          sql: 'ALTER TABLE accounts RENAME COLUMN account_no TO account_number;',
        },
      },
    ],
    action: async ({ input, credentials }) => ({
      output: await services.schemaHistory.check(
        input.resourceRef,
        { id: input.id, sql: input.sql },
        credentials,
      ),
    }),
  });

  registry.register({
    name: 'get-scorecard',
    title: "A team's scorecard row",
    description:
      "The cross-team scorecard row of a team, system or domain from the newest daily snapshot: integrations as provider and consumer, share with an accountable owner, contract and mock freshness, share with evidence, breaking changes announced, pending and overdue, incidents in the window with their impact, undeclared and not-observed edges, and each number's change over the window (trend).",
    attributes: read,
    schema: {
      input: z =>
        z.object({
          ref: z
            .string()
            .min(3)
            .describe('e.g. group:default/payments-engineering'),
          windowDays: z
            .union([z.literal(30), z.literal(90), z.literal(365)])
            .default(30),
        }),
      output: z =>
        z.object({
          day: z.string().optional(),
          since: z.string().optional(),
          windowDays: z.number(),
          row: z.object({}).passthrough(),
        }),
    },
    examples: [
      {
        title: "How the ledger team's seams did over 90 days",
        input: { ref: 'group:default/ledger-engineering', windowDays: 90 },
      },
    ],
    action: async ({ input, credentials }) => {
      const kind = kindOf(input.ref);
      const card = await services.scorecardService.scorecard(
        { kind, windowDays: input.windowDays },
        credentials,
      );
      const row = card.rows.find(r => r.ref === input.ref);
      if (!row) {
        throw new NotFoundError(
          `No scorecard row for ${input.ref}: not a ${kind} with integrations you can see`,
        );
      }
      return {
        output: {
          day: card.day,
          since: card.since,
          windowDays: card.windowDays,
          row,
        },
      };
    },
  });
}
