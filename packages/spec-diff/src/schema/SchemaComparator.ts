import { Resolved, SpecDocument } from '../load/SpecDocument';
import { StableRefs } from '../load/StableRefs';
import { SCHEMA_CHECKS } from './checks';
import { childPointer, joinPath } from './schemaPaths';
import { isObject, Schema } from './schemaModel';

export type Direction = 'request' | 'response';

/** One difference between two schemas, relative to the compared root. */
export type SchemaChange = {
  /** What changed, e.g. `type-changed`, `property-added-required`. */
  change: string;
  /** Property path below the root (`lines[].amount`); empty for the root. */
  path: string;
  /** Pointer in the revision, or in the base for removals. */
  pointer: string;
  message: string;
  sunset?: string;
  /** What the rule needs besides the kind to pick its id and level. */
  facts?: ChangeFacts;
};

/** Details of a change that its id depends on where it was found. */
export type ChangeFacts = {
  /** The node is read-only (in a request) or write-only (in a response): consumers never see it there. */
  hidden?: boolean;
  /** The property is required (read/write-only changes name that). */
  required?: boolean;
  /** The property that was added or became required has a default. */
  hasDefault?: boolean;
  /** The type change as strongly typed (JSON) and loosely typed (text) media read it. */
  typeVerdict?: { strong: TypeVerdict; loose: TypeVerdict };
  /** The node's `x-sunset` as read for a deprecation. */
  sunset?: { date?: string; invalid?: string };
  /** Why a stability level could not be read. */
  invalidStability?: string;
};

export type TypeVerdict =
  | 'changed'
  | 'generalized'
  | 'specialized'
  | 'compatible';

export type CheckContext = {
  base: Schema;
  revision: Schema;
  direction: Direction;
  basePointer: string;
  revisionPointer: string;
  emit(
    change: string,
    message: string,
    options?: {
      inBase?: boolean;
      path?: string;
      sunset?: string;
      facts?: ChangeFacts;
    },
  ): void;
  /** A sub-schema with its `$ref`s followed, on either side. */
  resolve(side: 'base' | 'revision', node: unknown): Schema | undefined;
  /** Compares two sub-schemas found under `segment` (`name`, `[]`, ...). */
  descend(
    segment: string,
    base: { node: unknown; pointer: string } | undefined,
    revision: { node: unknown; pointer: string } | undefined,
  ): void;
};

export { childPointer, joinPath };

/**
 * Compares schemas by meaning, following `$ref`s on both sides. A pair of
 * nodes is compared once per direction: shared components referenced from
 * many operations cost one walk, and cycles end where they begin.
 */
export class SchemaComparator {
  private readonly memo = new Map<
    object,
    Map<object, Map<Direction, SchemaChange[]>>
  >();
  private readonly inProgress = new Set<string>();
  private pairIds = new WeakMap<object, number>();
  private nextId = 0;

  constructor(
    private readonly baseDoc: SpecDocument,
    private readonly revisionDoc: SpecDocument,
    private readonly stable?: StableRefs,
  ) {}

  compare(
    base: Resolved,
    revision: Resolved,
    direction: Direction,
  ): SchemaChange[] {
    // The same reference to an unchanged target, inside the main documents.
    const ref = (base.node as { $ref?: unknown } | null)?.$ref;
    if (
      this.stable &&
      typeof ref === 'string' &&
      !base.file &&
      !revision.file &&
      (revision.node as { $ref?: unknown } | null)?.$ref === ref &&
      this.stable.isStable(ref)
    ) {
      return [];
    }
    const b = this.baseDoc.deref(base.node, base.pointer, base.file);
    const r = this.revisionDoc.deref(
      revision.node,
      revision.pointer,
      revision.file,
    );
    if (!isObject(b.node) || !isObject(r.node)) return [];
    if (b.node === r.node) return [];

    const cached = this.memo.get(b.node)?.get(r.node)?.get(direction);
    if (cached) return cached;
    const key = `${this.idOf(b.node)}:${this.idOf(r.node)}:${direction}`;
    if (this.inProgress.has(key)) return [];
    this.inProgress.add(key);

    const changes: SchemaChange[] = [];
    const context: CheckContext = {
      base: b.node,
      revision: r.node,
      direction,
      basePointer: b.pointer,
      revisionPointer: r.pointer,
      emit: (change, message, options) => {
        // A change on the node itself: consumers never send a read-only
        // value, and never receive a write-only one.
        const hidden =
          options?.facts?.hidden ??
          (!options?.path &&
            (direction === 'request'
              ? r.node.readOnly === true
              : r.node.writeOnly === true));
        const facts =
          hidden || options?.facts ? { ...options?.facts, hidden } : undefined;
        changes.push({
          change,
          path: options?.path ?? '',
          pointer: options?.inBase ? b.pointer : r.pointer,
          message,
          sunset: options?.sunset,
          ...(facts ? { facts } : {}),
        });
      },
      resolve: (side, node) => {
        const doc = side === 'base' ? this.baseDoc : this.revisionDoc;
        const resolved = doc.deref(node, '', side === 'base' ? b.file : r.file);
        return isObject(resolved.node) ? resolved.node : undefined;
      },
      descend: (segment, childBase, childRevision) => {
        if (!childBase || !childRevision) return;
        for (const change of this.compare(
          { node: childBase.node, pointer: childBase.pointer, file: b.file },
          {
            node: childRevision.node,
            pointer: childRevision.pointer,
            file: r.file,
          },
          direction,
        )) {
          changes.push({ ...change, path: joinPath(segment, change.path) });
        }
      },
    };
    for (const check of SCHEMA_CHECKS) {
      check(context);
    }

    this.inProgress.delete(key);
    let byRevision = this.memo.get(b.node);
    if (!byRevision) {
      byRevision = new Map();
      this.memo.set(b.node, byRevision);
    }
    let byDirection = byRevision.get(r.node);
    if (!byDirection) {
      byDirection = new Map();
      byRevision.set(r.node, byDirection);
    }
    byDirection.set(direction, changes);
    return changes;
  }

  private idOf(node: object): number {
    let id = this.pairIds.get(node);
    if (id === undefined) {
      id = this.nextId++;
      this.pairIds.set(node, id);
    }
    return id;
  }
}
