import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Cell, CellText, ColumnConfig, Table, Text } from '@backstage/ui';
import { Integration } from '@integration-health/plugin-integration-health-common';
import { ScoreBadge } from '../ScoreBadge';
import { AccountableOwnerCell } from './AccountableOwnerCell';
import { MockScoreCell } from '../GeneratedMocks';

/**
 * upstream: what the entity depends on; downstream: who depends on it;
 * through: the integrations that go through an API entity.
 */
export type IntegrationDirection = 'upstream' | 'downstream' | 'through';

const KIND_LABELS: Record<Integration['kind'], string> = {
  http: 'HTTP',
  event: 'Event',
  graphql: 'GraphQL',
  grpc: 'gRPC',
  database: 'Database',
  other: 'Other',
};

const EMPTY_TEXT: Record<IntegrationDirection, string> = {
  upstream: 'This entity does not depend on any other service or API.',
  downstream: 'Nothing in the catalog depends on this entity.',
  through: 'No component in the catalog consumes this API.',
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

function columns(
  direction: IntegrationDirection,
  onOwnerAssigned: () => void,
): ColumnConfig<Integration>[] {
  const consumer: ColumnConfig<Integration> = {
    id: 'consumer',
    label: 'Consumer',
    minWidth: 150,
    isRowHeader: true,
    cell: i => refCell(i.consumerRef, '—'),
  };
  const provider: ColumnConfig<Integration> = {
    id: 'provider',
    label: 'Provider',
    minWidth: 150,
    isRowHeader: direction === 'upstream',
    cell: i => refCell(i.providerRef, '—'),
  };
  const api: ColumnConfig<Integration> = {
    id: 'api',
    label: 'Through API',
    minWidth: 140,
    cell: i => refCell(i.apiRef, 'direct dependency'),
  };
  const leading = {
    upstream: [provider, api],
    downstream: [consumer, api],
    through: [consumer, provider],
  }[direction];
  return [
    ...leading,
    {
      id: 'kind',
      label: 'Kind',
      width: 100,
      cell: i => <CellText title={KIND_LABELS[i.kind]} />,
    },
    {
      id: 'providerOwner',
      label: 'Provider owner',
      minWidth: 150,
      cell: i => refCell(i.providerOwnerRef, 'no owner'),
    },
    {
      id: 'consumerOwner',
      label: 'Consumer owner',
      minWidth: 165,
      cell: i => refCell(i.consumerOwnerRef, 'no owner'),
    },
    {
      id: 'accountableOwner',
      label: 'Accountable owner',
      minWidth: 185,
      cell: i => (
        <AccountableOwnerCell integration={i} onAssigned={onOwnerAssigned} />
      ),
    },
    {
      id: 'contract',
      label: 'Contract',
      width: 100,
      cell: i => (
        <Cell>
          <ScoreBadge title="Contract freshness" score={i.scores?.contract} />
        </Cell>
      ),
    },
    {
      id: 'mock',
      label: 'Mocks',
      width: 130,
      cell: i => <MockScoreCell integration={i} />,
    },
    {
      id: 'findings',
      label: 'Findings',
      minWidth: 200,
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
  onOwnerAssigned,
}: {
  direction: IntegrationDirection;
  integrations: Integration[];
  onOwnerAssigned: () => void;
}) {
  return (
    // Columns keep a readable width; on a narrow screen the table scrolls.
    <Table<Integration>
      columnConfig={columns(direction, onOwnerAssigned)}
      data={integrations}
      pagination={{ type: 'none' }}
      emptyState={<Text color="secondary">{EMPTY_TEXT[direction]}</Text>}
    />
  );
}
