import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import {
  BackstageCredentials,
  BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { acknowledgement } from '../calendar/calendarRouter';
import { parseInput } from '../http/parseInput';
import { incidentBody } from '../incidents/incidentRouter';
import type { ActionServices } from './registerIntegrationHealthActions';

/**
 * The changes people make: acknowledge a breaking change, assign the
 * accountable owner, record an incident. Only people make them, through the
 * same permissions as the UI; a service token is refused.
 */
export function registerWriteActions(
  registry: ActionsRegistryService,
  services: ActionServices,
): void {
  const asPerson = (
    credentials: BackstageCredentials,
    what: string,
  ): BackstageCredentials<BackstageUserPrincipal> => {
    if (!services.auth.isPrincipal(credentials, 'user')) {
      throw new NotAllowedError(`Only a signed-in person may ${what}`);
    }
    return credentials;
  };

  registry.register({
    name: 'acknowledge-breaking-change',
    title: 'Acknowledge a breaking change',
    description:
      "Acknowledges, on behalf of a consumer, a breaking change on the calendar (or withdraws the acknowledgement): the consumer's owners say they know about the change and will be ready by its date. Only the consumer's owners may, as the permission policy decides; the caller must be a signed-in person. Find the entry id and consumer with list-breaking-changes.",
    attributes: { readOnly: false, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          entryId: z.string().min(1).describe('The calendar entry id'),
          consumerRef: z
            .string()
            .min(3)
            .describe(
              'The consumer acknowledging, e.g. component:default/account-management-legacy',
            ),
          action: z.enum(['acknowledged', 'withdrawn']).default('acknowledged'),
          note: z.string().max(2000).optional(),
        }),
      output: z =>
        z.object({
          entryId: z.string(),
          consumerRef: z.string(),
          state: z.string().optional(),
        }),
    },
    examples: [
      {
        title: 'The legacy account system acknowledges the events change',
        input: {
          entryId: '59e79291-7e04-4ec5-840c-7c9eae0eb215',
          consumerRef: 'component:default/account-management-legacy',
          action: 'acknowledged',
          note: 'Reading accountRef from 9.8.0',
        },
      },
    ],
    action: async ({ input, credentials }) => {
      const person = asPerson(credentials, 'acknowledge a breaking change');
      const body = parseInput(
        acknowledgement,
        {
          consumerRef: input.consumerRef,
          action: input.action,
          note: input.note,
        },
        'input',
      );
      const entry = await services.calendarService.acknowledge(
        { entryId: input.entryId, ...body },
        person,
      );
      const consumer = entry.consumers.find(
        c => c.consumerRef === body.consumerRef,
      );
      return {
        output: {
          entryId: entry.id,
          consumerRef: body.consumerRef,
          state: consumer?.state,
        },
      };
    },
  });

  registry.register({
    name: 'assign-accountable-owner',
    title: 'Assign the accountable owner of an integration',
    description:
      'Sets the team accountable for one integration (the seam itself, not either side), or clears the assignment with ownerRef null. Find integration ids with get-integrations. Allowed to whom the permission policy allows (by default the owners of either side); the caller must be a signed-in person.',
    attributes: { readOnly: false, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          integrationId: z.string().min(1),
          ownerRef: z
            .string()
            .min(3)
            .max(255)
            .nullable()
            .describe(
              'A group ref, e.g. group:default/platform, or null to clear',
            ),
          note: z.string().max(2000).optional(),
        }),
      output: z => z.object({ integration: z.object({}).passthrough() }),
    },
    examples: [
      {
        title: 'Make the platform team accountable for a database seam',
        input: {
          integrationId:
            '4286db47f37c6e8463b22e9a906a86b031e5e7ae8df99bcfb9cf04327c209908',
          ownerRef: 'group:default/platform',
          note: 'Agreed in the schema review',
        },
      },
    ],
    action: async ({ input, credentials }) => {
      const person = asPerson(credentials, 'assign an accountable owner');
      const integration = await services.ownerAssignmentService.assign(
        {
          integrationId: input.integrationId,
          ownerRef: input.ownerRef ?? undefined,
          note: input.note,
        },
        person,
      );
      return { output: { integration: integration as {} } };
    },
  });

  registry.register({
    name: 'record-incident',
    title: 'Record an incident at an integration',
    description:
      'Records an incident at one integration: when it began and ended, its impact (minutes, transactions, money, words), the calendar entry or spec version that triggered it, the mock or contract that was out of sync, and post-mortem links. Facts only. Allowed to the owners of either side as the permission policy decides; the caller must be a signed-in person.',
    attributes: { readOnly: false, idempotent: false, destructive: false },
    schema: {
      input: z =>
        z.object({
          integrationId: z.string().min(1),
          title: z.string().min(1).max(300),
          occurredAt: z
            .string()
            .describe('ISO 8601, e.g. 2026-11-19T09:40:00Z'),
          resolvedAt: z.string().optional(),
          impact: z
            .object({
              durationMinutes: z.number().int().min(0).optional(),
              affectedTransactions: z.number().int().min(0).optional(),
              money: z
                .object({ amount: z.number().min(0), currency: z.string() })
                .optional(),
              description: z.string().max(5000).optional(),
            })
            .default({}),
          trigger: z
            .object({
              calendarEntryId: z.string().optional(),
              apiRef: z.string().optional(),
              specVersion: z.string().optional(),
            })
            .optional(),
          outOfSync: z
            .object({
              kind: z.enum(['mock', 'contract']),
              description: z.string().optional(),
              url: z.string().optional(),
            })
            .optional(),
          postmortemUrls: z.array(z.string()).default([]),
        }),
      output: z => z.object({ incident: z.object({}).passthrough() }),
    },
    examples: [
      {
        title: 'Payments not booked after an event change',
        input: {
          integrationId:
            '4286db47f37c6e8463b22e9a906a86b031e5e7ae8df99bcfb9cf04327c209908',
          title: 'Card payments not booked in the ledger',
          occurredAt: '2026-11-19T08:15:00Z',
          resolvedAt: '2026-11-19T09:50:00Z',
          impact: {
            affectedTransactions: 1200,
            money: { amount: 48200.5, currency: 'EUR' },
          },
          outOfSync: {
            kind: 'mock',
            description: 'The legacy pact still sent accountId',
          },
          postmortemUrls: [],
        },
      },
    ],
    action: async ({ input, credentials }) => {
      const person = asPerson(credentials, 'record an incident');
      const { integrationId, ...rest } = input;
      const incident = await services.incidentService.record(
        integrationId,
        parseInput(incidentBody, rest, 'input'),
        person,
      );
      return { output: { incident: incident as {} } };
    },
  });
}
