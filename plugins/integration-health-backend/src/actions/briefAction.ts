import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { briefMarkdown } from '../briefs/briefMarkdown';
import { briefSubjectOf, briefWindowOf } from '../briefs/briefsRouter';
import type { ActionServices } from './registerIntegrationHealthActions';

/** The brief for post-mortems and escalations, as an action. */
export function registerBriefAction(
  registry: ActionsRegistryService,
  services: ActionServices,
): void {
  registry.register({
    name: 'get-integration-brief',
    title: 'Facts-only brief about a seam',
    description:
      'Prepares a facts-only brief for a post-mortem or an escalation about one integration, every integration of an entity (or team, system, domain), or the integrations between two teams, over a window (default the last 90 days): owners and accountable owners, incidents with their impact and triggers, breaking changes with how many days ahead consumers heard and when they acknowledged, what was out of sync at each incident, the score timeline and open findings. Each fact names its source. Answers Markdown ready to paste, and the facts as data.',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          integrationId: z.string().optional(),
          entityRef: z
            .string()
            .optional()
            .describe('A component, API, resource, team, system or domain ref'),
          teams: z
            .array(z.string())
            .length(2)
            .optional()
            .describe(
              'Two group refs, e.g. ["group:default/ledger-engineering", "group:default/payments-engineering"]',
            ),
          days: z.number().int().min(1).max(1095).default(90),
        }),
      output: z =>
        z.object({
          markdown: z.string(),
          facts: z.array(
            z.object({
              text: z.string(),
              source: z.string(),
              link: z.string().optional(),
            }),
          ),
        }),
    },
    examples: [
      {
        title: 'The seam between the ledger and payments teams',
        input: {
          teams: [
            'group:default/ledger-engineering',
            'group:default/payments-engineering',
          ],
          days: 90,
        },
      },
    ],
    action: async ({ input, credentials }) => {
      const now = new Date();
      const brief = await services.briefService.brief(
        briefSubjectOf({
          integrationId: input.integrationId,
          entityRef: input.entityRef,
          teams: input.teams?.join(','),
        }),
        briefWindowOf(
          {
            from: new Date(
              now.getTime() - input.days * 86_400_000,
            ).toISOString(),
          },
          now,
        ),
        credentials,
        now,
      );
      return { output: { markdown: briefMarkdown(brief), facts: brief.facts } };
    },
  });
}
