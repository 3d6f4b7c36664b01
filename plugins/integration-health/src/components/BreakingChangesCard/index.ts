export { BreakingChangesCard } from './BreakingChangesCard';
export { EntityBreakingChangesCard } from './EntityBreakingChangesCard';
