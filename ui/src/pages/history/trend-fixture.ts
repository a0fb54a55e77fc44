// A trend as the core's `audit_trends` sends it, for the History tests.
import type { TrendView } from '../../lib/api';

const AUDITS = ['2026 Q2', '2026 Q3', '2026 Q4', '2027 Q1'];

/** A trend as the core sends it: 2026 Q4 could not give the median (no activities file). */
export function trend(id: string, label: string, values: (number | null)[], texts: string[], target?: number): TrendView {
  const gaps = values.map((v, i) => (v === null ? i : -1)).filter((i) => i >= 0);
  return {
    id,
    label,
    latest: texts[texts.length - 1]!,
    target: target === undefined ? null : 'SLA target: 1 h',
    gaps: gaps.length,
    missing: gaps.map((i) => `${AUDITS[i]}: not available (no first-touch column in the leads file and no activities file)`),
    points: AUDITS.map((audit, i) => ({
      audit_id: i + 1,
      audit,
      text: texts[i]!,
      gap: values[i] === null ? 'not_available' : null,
      reason: values[i] === null ? 'no first-touch column in the leads file and no activities file' : null,
    })),
    chart: {
      id: `trend_${id}`,
      title: label,
      kind: 'line',
      x_label: 'Audit, oldest first',
      y_label: label,
      unit: 'minutes',
      categories: AUDITS,
      series: [{ name: label, values, role: 'primary' }],
      reference: target === undefined ? undefined : { label: 'SLA target', value: target },
      note: gaps.length ? 'No value (a gap, not 0): 2026 Q4 not available: no activities file.' : '',
      labels: {
        ticks: [
          { value: 0, label: '0 min' },
          { value: 360, label: '6 h' },
          { value: 720, label: '12 h' },
        ],
        values: [texts.map((t, i) => (values[i] === null ? '–' : t))],
        totals: [],
        reference: target === undefined ? null : '1 h',
        max: '12 h',
      },
    },
  };
}
