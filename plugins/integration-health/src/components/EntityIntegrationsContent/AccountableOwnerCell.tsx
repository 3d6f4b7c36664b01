import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import { Badge, ButtonIcon, Cell, Flex, Text } from '@backstage/ui';
import {
  Integration,
  integrationAssignOwnerPermission,
} from '@integration-health/plugin-integration-health-common';
import { RiEditLine, RiErrorWarningLine } from '@remixicon/react';
import { useState } from 'react';
import { AssignOwnerDialog } from '../AssignOwnerDialog';

const SOURCE_LABELS: Record<
  NonNullable<Integration['accountableOwnerSource']>,
  string
> = {
  'consumer-annotation': 'declared by the consumer',
  'provider-annotation': 'declared by the provider',
  assigned: 'assigned',
};

function sourceText(integration: Integration): string | undefined {
  const { accountableOwnerSource: source, accountableOwnerAssignment: by } =
    integration;
  if (!source) {
    return undefined;
  }
  if (source === 'assigned' && by) {
    return `assigned by ${by.assignedBy.replace(
      /^user:(default\/)?/,
      '',
    )} on ${by.assignedAt.slice(0, 10)}`;
  }
  return SOURCE_LABELS[source];
}

function OwnerOrFinding({ integration }: { integration: Integration }) {
  if (integration.accountableOwnerRef) {
    const source = sourceText(integration);
    return (
      <Flex direction="column" gap="0">
        <EntityRefLink
          entityRef={integration.accountableOwnerRef}
          defaultKind="group"
        />
        {source && (
          <Text
            variant="body-x-small"
            color="secondary"
            title={integration.accountableOwnerAssignment?.note}
          >
            {source}
          </Text>
        )}
      </Flex>
    );
  }
  const finding =
    integration.findings.find(f => f.id === 'accountable-owner-invalid') ??
    integration.findings.find(f => f.id === 'accountable-owner-missing');
  return (
    <span title={finding?.message}>
      <Badge icon={<RiErrorWarningLine aria-hidden />} size="small">
        {finding?.id === 'accountable-owner-invalid'
          ? 'Invalid accountable owner'
          : 'No accountable owner'}
      </Badge>
    </span>
  );
}

/**
 * The accountable owner (or why there is none), with an action to assign
 * one for users the permission policy allows.
 */
export function AccountableOwnerCell({
  integration,
  onAssigned,
}: {
  integration: Integration;
  onAssigned: () => void;
}) {
  const { allowed } = usePermission({
    permission: integrationAssignOwnerPermission,
    resourceRef: integration.id,
  });
  const [open, setOpen] = useState(false);
  return (
    <Cell>
      <Flex align="center" gap="1">
        <OwnerOrFinding integration={integration} />
        {allowed && (
          <ButtonIcon
            size="small"
            variant="tertiary"
            icon={<RiEditLine />}
            aria-label={`Assign the accountable owner of ${integration.consumerRef} → ${integration.providerRef}`}
            onPress={() => setOpen(true)}
          />
        )}
      </Flex>
      {open && (
        <AssignOwnerDialog
          integration={integration}
          isOpen={open}
          onClose={() => setOpen(false)}
          onAssigned={onAssigned}
        />
      )}
    </Cell>
  );
}
