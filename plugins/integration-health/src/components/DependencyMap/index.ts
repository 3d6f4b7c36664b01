export { DependencyMap } from './DependencyMap';
export { EntityDependencyMapCard } from './EntityDependencyMapCard';
