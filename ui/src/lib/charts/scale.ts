// Shared geometry of the chart components: colours by role, the value scale, and
// labels cut to fit. Nothing here computes a figure; it only places the spec's values.
import type { ChartSeries, ChartSpec } from '../api';
import { formatValue, niceTicks } from '../format';

/** The CSS class that colours a series: its role, else its place among the series. */
export function seriesClass(series: ChartSeries, index: number): string {
  const role = series.role ?? 'primary';
  if (role === 'primary') return `s-primary s-${index % 4}`;
  return `s-${role}`;
}

export interface Scale {
  ticks: number[];
  min: number;
  max: number;
  /** 0..1 along the value axis. */
  at: (v: number) => number;
}

/** The value scale of a bar or line chart: round ticks covering every value (stacks summed). */
export function valueScale(spec: ChartSpec, stacked: boolean, maxTicks = 5): Scale {
  let lo = 0;
  let hi = 0;
  if (stacked) {
    spec.categories.forEach((_, i) => {
      const sum = spec.series.reduce((acc, s) => acc + Math.max(0, s.values[i] ?? 0), 0);
      hi = Math.max(hi, sum);
    });
  } else {
    for (const s of spec.series)
      for (const v of s.values)
        if (v !== null && Number.isFinite(v)) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
  }
  if (spec.reference) hi = Math.max(hi, spec.reference.value);
  const ticks = niceTicks(lo, hi, maxTicks, spec.unit);
  const min = ticks[0] ?? 0;
  const max = ticks[ticks.length - 1] ?? 1;
  const span = max - min || 1;
  return { ticks, min, max, at: (v) => (v - min) / span };
}

export function label(spec: ChartSpec, v: number | null | undefined): string {
  return v === null || v === undefined ? '–' : formatValue(spec.unit, v, spec.currency);
}

/** Splits a label into at most `lines` lines of about `width` characters (the last cut with …). */
export function wrap(text: string, width: number, lines = 2): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const out: string[] = [];
  let line = '';
  for (const w of words) {
    if (!line) line = w;
    else if ((line + ' ' + w).length <= width) line += ' ' + w;
    else {
      out.push(line);
      line = w;
    }
  }
  if (line) out.push(line);
  if (out.length > lines) {
    const kept = out.slice(0, lines);
    kept[lines - 1] = `${kept[lines - 1]!.slice(0, Math.max(1, width - 1))}…`;
    return kept;
  }
  return out.map((l) => (l.length > width ? `${l.slice(0, Math.max(1, width - 1))}…` : l));
}
