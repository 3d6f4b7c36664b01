export { SpecHistoryCard } from './SpecHistoryCard';
export { EntitySpecHistoryCard } from './EntitySpecHistoryCard';
