import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogRest } from './catalogRest';

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/**
 * What a fully processed and stitched copy of these authored entities looks
 * like through the catalog's REST API: how many entities in all, and how
 * many of each kind carry each relation the processors emit (some of them
 * only once the entity on the other side has been processed too).
 */
export function stitchedExpectations(entities: Entity[]) {
  const expected = new Map<string, number>();
  const add = (filter: string) =>
    expected.set(filter, (expected.get(filter) ?? 0) + 1);
  const consumed = new Set<string>();
  for (const e of entities) {
    const spec = e.spec as Record<string, unknown>;
    if (spec.owner) add(`kind=${e.kind},relations.ownedBy`);
    if (spec.parent) add(`kind=${e.kind},relations.childOf`);
    if ((spec.consumesApis as string[] | undefined)?.length) {
      add(`kind=${e.kind},relations.consumesApi`);
      for (const ref of spec.consumesApis as string[]) consumed.add(ref);
    }
    if ((spec.providesApis as string[] | undefined)?.length) {
      add(`kind=API,relations.apiProvidedBy`);
    }
  }
  for (const e of entities) {
    if (consumed.has(stringifyEntityRef(e).toLocaleLowerCase('en-US'))) {
      add('kind=API,relations.apiConsumedBy');
    }
  }
  return { total: entities.length, byFilter: expected };
}

/**
 * Polls the catalog until it serves every entity with every relation
 * expected, and returns how long that took; throws after `timeoutMs`.
 */
export async function waitUntilStitched(
  rest: CatalogRest,
  expectations: ReturnType<typeof stitchedExpectations>,
  options: { timeoutMs: number; onProgress?: (line: string) => void },
): Promise<number> {
  const start = performance.now();
  let lastReport = 0;
  for (;;) {
    const total = await rest.count();
    const short: string[] = [];
    if (total >= expectations.total) {
      for (const [filter, count] of expectations.byFilter) {
        const found = await rest.count(filter);
        if (found < count) short.push(`${filter}: ${found}/${count}`);
      }
    } else {
      short.push(`entities: ${total}/${expectations.total}`);
    }
    const elapsed = performance.now() - start;
    if (short.length === 0) return elapsed;
    if (elapsed > options.timeoutMs) {
      throw new Error(
        `the catalog had not stitched everything after ${Math.round(
          elapsed / 1000,
        )} s (${short.join('; ')})`,
      );
    }
    if (elapsed - lastReport > 30_000) {
      lastReport = elapsed;
      options.onProgress?.(
        `catalog ingestion: ${Math.round(elapsed / 1000)} s, ${short.join(
          '; ',
        )}`,
      );
    }
    await sleep(1000);
  }
}

/** Polls until the catalog serves the entity as `ready` says it should be. */
export async function waitForEntity(
  rest: CatalogRest,
  ref: { kind: string; namespace: string; name: string },
  ready: (entity: Entity) => boolean,
  timeoutMs: number,
): Promise<number> {
  const start = performance.now();
  for (;;) {
    const entity = await rest.byName(ref.kind, ref.namespace, ref.name);
    if (entity && ready(entity)) return performance.now() - start;
    if (performance.now() - start > timeoutMs) {
      throw new Error(
        `the catalog did not serve the change to ${ref.kind}:${ref.namespace}/${ref.name} within ${timeoutMs} ms`,
      );
    }
    await sleep(200);
  }
}
