// Shared geometry of the chart components: colours by role, the value scale, and
// labels cut to fit. Nothing here computes or formats a figure: it places the spec's
// values, and every number reads as the core wrote it in `spec.labels`.
import type { ChartSeries, ChartSpec, ChartTick } from '../api';

/** The CSS class that colours a series: its role, else its place among the series. */
export function seriesClass(series: ChartSeries, index: number): string {
  const role = series.role ?? 'primary';
  if (role === 'primary') return `s-primary s-${index % 4}`;
  return `s-${role}`;
}

export interface Scale {
  /** The core's ticks, low to high, each with its label. */
  ticks: ChartTick[];
  min: number;
  max: number;
  /** 0..1 along the value axis. */
  at: (v: number) => number;
}

/** The value scale of a bar or line chart: the core's ticks (the PDF's scale). */
export function valueScale(spec: ChartSpec): Scale {
  const ticks = spec.labels.ticks;
  const min = ticks[0]?.value ?? 0;
  const max = ticks[ticks.length - 1]?.value ?? 1;
  const span = max - min || 1;
  return { ticks, min, max, at: (v) => (v - min) / span };
}

/** The core's label of series `s`'s value in category `i` (`–` for none). */
export function valueLabel(spec: ChartSpec, s: number, i: number): string {
  return spec.labels.values[s]?.[i] ?? '–';
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
