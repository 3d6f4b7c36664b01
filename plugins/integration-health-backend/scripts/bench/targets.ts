/** A scale's result as runScale prints it (the fields the targets read). */
export type ScaleResult = Record<string, number | string | null>;

type Target = { field: string; max?: number; min?: number; unit: string };

/** The speed targets, on the plugin's own share of each sync. */
export const TARGETS: Record<'10k' | '100k', Target[]> = {
  '10k': [
    { field: 'noop_sync_plugin_s', max: 0.3, unit: 's' },
    { field: 'one_change_sync_plugin_s', max: 0.3, unit: 's' },
    { field: 'announced_change_plugin_s', max: 0.3, unit: 's' },
    { field: 'blast_radius_p95_ms', max: 25, unit: 'ms' },
    { field: 'blast_radius_ratio', min: 20, unit: '×' },
  ],
  '100k': [
    { field: 'full_sync_plugin_s', max: 120, unit: 's' },
    { field: 'noop_sync_plugin_s', max: 3, unit: 's' },
    { field: 'one_change_sync_plugin_s', max: 3, unit: 's' },
    { field: 'announced_change_plugin_s', max: 3, unit: 's' },
    { field: 'peak_rss_mb', max: 2048, unit: 'MB' },
    { field: 'blast_radius_p95_ms', max: 60, unit: 'ms' },
    { field: 'blast_radius_ratio', min: 20, unit: '×' },
  ],
};

/** Each target with the measured value and whether it was met (null: not measured). */
export function checkTargets(scale: '10k' | '100k', result: ScaleResult) {
  return TARGETS[scale].map(target => {
    const value = result[target.field];
    const met =
      typeof value !== 'number'
        ? null
        : (target.max === undefined || value <= target.max) &&
          (target.min === undefined || value >= target.min);
    const bound =
      target.max !== undefined
        ? `≤ ${target.max} ${target.unit}`
        : `≥ ${target.min}${target.unit}`;
    return { field: target.field, target: bound, value, met };
  });
}
