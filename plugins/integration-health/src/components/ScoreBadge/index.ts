export { ScoreBadge } from './ScoreBadge';
