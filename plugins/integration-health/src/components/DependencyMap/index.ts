export { DependencyMap } from './DependencyMap';
