import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Badge, Cell, Flex, Text } from '@backstage/ui';
import { Integration } from '@integration-health/plugin-integration-health-common';
import { RiErrorWarningLine } from '@remixicon/react';

const SOURCE_LABELS: Record<
  NonNullable<Integration['accountableOwnerSource']>,
  string
> = {
  'consumer-annotation': 'declared by the consumer',
  'provider-annotation': 'declared by the provider',
};

export function AccountableOwnerCell({
  integration,
}: {
  integration: Integration;
}) {
  if (integration.accountableOwnerRef) {
    return (
      <Cell>
        <Flex direction="column" gap="0">
          <EntityRefLink
            entityRef={integration.accountableOwnerRef}
            defaultKind="group"
          />
          {integration.accountableOwnerSource && (
            <Text variant="body-x-small" color="secondary">
              {SOURCE_LABELS[integration.accountableOwnerSource]}
            </Text>
          )}
        </Flex>
      </Cell>
    );
  }
  const finding =
    integration.findings.find(f => f.id === 'accountable-owner-invalid') ??
    integration.findings.find(f => f.id === 'accountable-owner-missing');
  return (
    <Cell>
      <span title={finding?.message}>
        <Badge icon={<RiErrorWarningLine aria-hidden />} size="small">
          {finding?.id === 'accountable-owner-invalid'
            ? 'Invalid accountable owner'
            : 'No accountable owner'}
        </Badge>
      </span>
    </Cell>
  );
}
