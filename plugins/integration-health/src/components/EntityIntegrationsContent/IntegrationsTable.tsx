import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Cell, CellText, ColumnConfig, Table, Text } from '@backstage/ui';
import { Integration } from '@integration-health/plugin-integration-health-common';
import { AccountableOwnerCell } from './AccountableOwnerCell';

export type IntegrationDirection = 'upstream' | 'downstream';

const KIND_LABELS: Record<Integration['kind'], string> = {
  http: 'HTTP',
  event: 'Event',
  graphql: 'GraphQL',
  grpc: 'gRPC',
  database: 'Database',
  other: 'Other',
};

function refCell(ref: string | undefined, empty: string) {
  return ref ? (
    <Cell>
      <EntityRefLink entityRef={ref} />
    </Cell>
  ) : (
    <CellText title={empty} color="secondary" />
  );
}

function columns(direction: IntegrationDirection): ColumnConfig<Integration>[] {
  return [
    {
      id: 'counterpart',
      label: direction === 'upstream' ? 'Provider' : 'Consumer',
      isRowHeader: true,
      cell: i =>
        refCell(direction === 'upstream' ? i.providerRef : i.consumerRef, '—'),
    },
    {
      id: 'api',
      label: 'Through API',
      cell: i => refCell(i.apiRef, 'direct dependency'),
    },
    {
      id: 'kind',
      label: 'Kind',
      width: 100,
      cell: i => <CellText title={KIND_LABELS[i.kind]} />,
    },
    {
      id: 'providerOwner',
      label: 'Provider owner',
      cell: i => refCell(i.providerOwnerRef, 'no owner'),
    },
    {
      id: 'consumerOwner',
      label: 'Consumer owner',
      cell: i => refCell(i.consumerOwnerRef, 'no owner'),
    },
    {
      id: 'accountableOwner',
      label: 'Accountable owner',
      cell: i => <AccountableOwnerCell integration={i} />,
    },
    {
      id: 'findings',
      label: 'Findings',
      cell: i => {
        // The accountable-owner column already shows a missing owner.
        const others = i.findings.filter(
          f => f.id !== 'accountable-owner-missing',
        );
        return others.length === 0 ? (
          <CellText title="—" color="secondary" />
        ) : (
          <Cell>
            {others.map(f => (
              <Text key={f.id} as="div" variant="body-x-small">
                {f.message}
              </Text>
            ))}
          </Cell>
        );
      },
    },
  ];
}

export function IntegrationsTable({
  direction,
  integrations,
}: {
  direction: IntegrationDirection;
  integrations: Integration[];
}) {
  return (
    <Table<Integration>
      columnConfig={columns(direction)}
      data={integrations}
      pagination={{ type: 'none' }}
      emptyState={
        <Text color="secondary">
          {direction === 'upstream'
            ? 'This entity does not depend on any other service or API.'
            : 'Nothing in the catalog depends on this entity.'}
        </Text>
      }
    />
  );
}
