import {
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import {
  INTEGRATION_RESOURCE_TYPE,
  Integration,
} from '@integration-health/plugin-integration-health-common';
import { z } from 'zod';

/**
 * Criteria a rule can express over integrations.
 *
 * @public
 */
export type IntegrationQuery = {
  ownerRefs: string[];
  side: 'consumer' | 'provider' | 'either';
};

/**
 * Integrations as resources of the permission framework.
 *
 * @public
 */
export const integrationPermissionResourceRef = createPermissionResourceRef<
  Integration,
  IntegrationQuery
>().with({
  pluginId: 'integration-health',
  resourceType: INTEGRATION_RESOURCE_TYPE,
});

const claimsSchema = z.object({
  claims: z
    .array(z.string())
    .describe(
      'Entity refs the user owns through: their user ref and groups (ownershipEntityRefs)',
    ),
});

function ownsSide(
  integration: Integration,
  claims: string[],
  side: IntegrationQuery['side'],
): boolean {
  const owners = {
    consumer: [integration.consumerOwnerRef],
    provider: [integration.providerOwnerRef],
    either: [integration.consumerOwnerRef, integration.providerOwnerRef],
  }[side];
  return owners.some(owner => owner !== undefined && claims.includes(owner));
}

const sideRule = (
  name: string,
  description: string,
  side: IntegrationQuery['side'],
) =>
  createPermissionRule({
    name,
    description,
    resourceRef: integrationPermissionResourceRef,
    paramsSchema: claimsSchema,
    apply: (integration, { claims }) => ownsSide(integration, claims, side),
    toQuery: ({ claims }) => ({ ownerRefs: claims, side }),
  });

/**
 * The rules a permission policy can use for integrations.
 *
 * @public
 */
export const integrationPermissionRules = {
  isSideOwner: sideRule(
    'IS_INTEGRATION_SIDE_OWNER',
    'Allow the owners of the consumer or of the provider of an integration',
    'either',
  ),
  isConsumerOwner: sideRule(
    'IS_INTEGRATION_CONSUMER_OWNER',
    'Allow the owners of the consumer of an integration',
    'consumer',
  ),
  isProviderOwner: sideRule(
    'IS_INTEGRATION_PROVIDER_OWNER',
    'Allow the owners of the provider of an integration',
    'provider',
  ),
};
