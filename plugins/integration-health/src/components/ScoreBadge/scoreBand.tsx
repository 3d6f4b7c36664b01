import {
  RiCheckboxCircleFill,
  RiCloseCircleFill,
  RiErrorWarningFill,
  RiQuestionLine,
} from '@remixicon/react';

/** How a 0–100 score reads: good from 80, fair from 50, poor below. */
export type ScoreBand = 'good' | 'fair' | 'poor' | 'unknown';

export function scoreBand(value: number | undefined): ScoreBand {
  if (value === undefined) return 'unknown';
  if (value >= 80) return 'good';
  if (value >= 50) return 'fair';
  return 'poor';
}

/** The band in words, so colour is never the only sign of it. */
export const SCORE_BAND_LABELS: Record<ScoreBand, string> = {
  good: 'good',
  fair: 'fair',
  poor: 'poor',
  unknown: 'no evidence',
};

const ICONS = {
  good: RiCheckboxCircleFill,
  fair: RiErrorWarningFill,
  poor: RiCloseCircleFill,
  unknown: RiQuestionLine,
};

/** The band's shape, for readers who cannot tell the colours apart. */
export function ScoreBandIcon(props: { band: ScoreBand; size?: number }) {
  const Icon = ICONS[props.band];
  return (
    <Icon
      aria-hidden
      focusable={false}
      size={props.size ?? 12}
      style={{ flexShrink: 0, verticalAlign: '-2px' }}
    />
  );
}
