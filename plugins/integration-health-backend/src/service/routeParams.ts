import { z } from 'zod';

/** `/entities/:kind/:namespace/:name` */
export const entityParams = z.object({
  kind: z.string().min(1).max(63),
  namespace: z.string().min(1).max(63),
  name: z.string().min(1).max(253),
});

/** `/integrations/:integrationId` */
export const integrationParams = z.object({
  integrationId: z
    .string()
    .regex(/^[0-9a-f]{64}$/, 'must be an integration id'),
});
