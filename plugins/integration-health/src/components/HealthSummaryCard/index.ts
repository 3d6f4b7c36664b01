export { HealthSummaryCard } from './HealthSummaryCard';
