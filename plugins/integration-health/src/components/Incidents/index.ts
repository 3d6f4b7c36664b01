export { IncidentsCard } from './IncidentsCard';
export { EntityIncidentsCard } from './EntityIncidentsCard';
