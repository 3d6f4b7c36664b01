export { HealthSummary, HealthSummaryCard } from './HealthSummaryCard';
