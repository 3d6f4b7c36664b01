export { ScoreBadge, scoreBandClass } from './ScoreBadge';
export {
  scoreBand,
  ScoreBandIcon,
  SCORE_BAND_LABELS,
  type ScoreBand,
} from './scoreBand';
