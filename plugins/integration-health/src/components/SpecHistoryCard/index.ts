export { SpecHistoryCard } from './SpecHistoryCard';
