export { BreakingChangesCard } from './BreakingChangesCard';
