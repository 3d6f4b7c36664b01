/**
 * A column as the migrations so far leave it.
 *
 * @public
 */
export type ColumnModel = {
  type: string;
  notNull: boolean;
  hasDefault: boolean;
};

/**
 * What applying a migration history leaves: tables with their columns,
 * views, types (enums with their values), functions and indexes, each keyed
 * by its schema-qualified name. Plain data: it crosses worker threads.
 *
 * @public
 */
export type SchemaModel = {
  tables: Record<string, { columns: Record<string, ColumnModel> }>;
  views: Record<string, { materialized: boolean }>;
  types: Record<string, { enumValues?: string[] }>;
  functions: Record<string, { signatures: string[] }>;
  indexes: Record<string, { table: string; unique: boolean }>;
};

/** A model with nothing in it, as before the first migration. */
export function emptySchema(): SchemaModel {
  return { tables: {}, views: {}, types: {}, functions: {}, indexes: {} };
}

/** A deep copy, so one migration's changes can be compared with the state before it. */
export function cloneSchema(schema: SchemaModel): SchemaModel {
  return structuredClone(schema);
}

/** Moves a key to a new name, keeping its value. */
export function renameKey<T>(
  record: Record<string, T>,
  from: string,
  to: string,
): void {
  if (!(from in record)) return;
  record[to] = record[from];
  delete record[from];
}
