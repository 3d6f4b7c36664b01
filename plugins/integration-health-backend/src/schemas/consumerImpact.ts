import type { DryRunResult } from '@integration-health/migration-check';
import { MigrationCheckConsumer } from '@integration-health/plugin-integration-health-common';
import { StoredQuery } from './SchemaStore';

/** A consumer of the resource: who depends on it, through which integration. */
export type SchemaConsumerSide = {
  consumerRef: string;
  consumerOwnerRef?: string;
};

/**
 * What a candidate does to each consumer: broken when a declared query no
 * longer prepares (reached); ok when all still prepare (not reached);
 * unknown when it declares none or the dry run could not judge (reached
 * when the migration has breaking changes, as it cannot be ruled out).
 */
export function consumerImpact(
  consumers: SchemaConsumerSide[],
  queries: StoredQuery[],
  dryRun: DryRunResult,
  breaking: boolean,
): MigrationCheckConsumer[] {
  return consumers.map(consumer => {
    const own = queries.filter(q => q.consumerRef === consumer.consumerRef);
    const outcomes = dryRun.queries.filter(
      o => o.consumerRef === consumer.consumerRef,
    );
    const base = {
      consumerRef: consumer.consumerRef,
      ...(consumer.consumerOwnerRef
        ? { consumerOwnerRef: consumer.consumerOwnerRef }
        : {}),
    };
    if (own.length === 0 || dryRun.status !== 'completed') {
      return {
        ...base,
        impact: 'unknown' as const,
        brokenQueries: [],
        alreadyBroken: [],
        reached: breaking,
      };
    }
    const brokenQueries = outcomes
      .filter(o => o.status === 'broken')
      .map(o => ({
        name: o.name,
        sql: own.find(q => q.name === o.name)?.sql ?? '',
        error: {
          message: o.error?.message ?? 'no longer prepares',
          ...(o.error?.code ? { code: o.error.code } : {}),
          ...(o.error?.line ? { line: o.error.line } : {}),
        },
      }));
    return {
      ...base,
      impact: brokenQueries.length > 0 ? ('broken' as const) : ('ok' as const),
      brokenQueries,
      alreadyBroken: outcomes
        .filter(o => o.status === 'already-broken')
        .map(o => o.name),
      reached: brokenQueries.length > 0,
    };
  });
}
