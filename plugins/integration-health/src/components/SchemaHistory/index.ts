export { SchemaHistoryCard } from './SchemaHistoryCard';
export { isDatabaseResource } from './isDatabaseResource';
