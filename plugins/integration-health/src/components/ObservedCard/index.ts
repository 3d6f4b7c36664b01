export { ObservedCard } from './ObservedCard';
