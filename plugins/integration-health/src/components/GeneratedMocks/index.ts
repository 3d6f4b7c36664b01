export { GeneratedMocksDialog } from './GeneratedMocksDialog';
export { MockScoreCell } from './MockScoreCell';
