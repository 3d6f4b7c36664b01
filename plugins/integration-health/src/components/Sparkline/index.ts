export { Sparkline } from './Sparkline';
export { linePaths } from './linePaths';
