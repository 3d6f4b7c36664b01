export { ScoreBadge, scoreBandClass } from './ScoreBadge';
