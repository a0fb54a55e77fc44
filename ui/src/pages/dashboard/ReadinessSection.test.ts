import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/svelte';
import type { ChartSpec, ReadinessView } from '../../lib/api';
import ReadinessSection from './ReadinessSection.svelte';

afterEach(cleanup);

const percent = (v: number) => `${Math.round(v * 100)}%`;

function roc(): ChartSpec {
  const xs = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1];
  const ys = [0, 0.42, 0.6, 0.71, 0.8, 0.86, 0.9, 0.94, 0.97, 0.99, 1];
  return {
    id: 'readiness_roc',
    title: 'ROC curve: won leads found against lost leads flagged',
    kind: 'line',
    x_label: 'Share of lost leads flagged (false positive rate)',
    y_label: 'Share of won leads found',
    unit: 'percent',
    categories: xs.map(percent),
    series: [
      { name: 'Model (AUC 0.84)', values: ys, role: 'primary' },
      { name: 'Chance', values: xs, role: 'comparison' },
    ],
    note: 'The diagonal is a ranking by chance (AUC 0.5).',
    labels: {
      ticks: [0, 0.25, 0.5, 0.75, 1].map((v) => ({ value: v, label: percent(v) })),
      values: [ys.map(percent), xs.map(percent)],
      totals: [],
      reference: null,
      max: '100%',
    },
  };
}

function calibration(): ChartSpec {
  const predicted = [0.01, 0.01, 0.01, 0.02, 0.02, 0.02, 0.03, 0.04, 0.06, 0.1];
  const observed = [0, 0, 0.01, 0.01, 0.02, 0.02, 0.02, 0.05, 0.05, 0.12];
  return {
    id: 'readiness_calibration',
    title: 'Calibration: predicted against observed won rate by decile',
    kind: 'grouped_bar',
    x_label: 'Decile of the predicted probability (1 = lowest)',
    y_label: 'Won rate',
    unit: 'percent',
    categories: predicted.map((_, i) => String(i + 1)),
    series: [
      { name: 'Predicted', values: predicted, role: 'comparison' },
      { name: 'Observed', values: observed, role: 'primary' },
    ],
    reference: { label: 'Base rate', value: 0.025 },
    note: 'A well-calibrated model’s bars match.',
    labels: {
      ticks: [0, 0.05, 0.1, 0.15].map((v) => ({ value: v, label: percent(v) })),
      values: [predicted.map(percent), observed.map(percent)],
      totals: [],
      reference: '2.5%',
      max: '12%',
    },
  };
}

function readiness(over: Partial<ReadinessView> = {}): ReadinessView {
  return {
    verdict: 'ready',
    verdict_label: 'Ready: a score trained on this history would work',
    reason: 'AUC 0.84 (90% interval 0.79 to 0.89) on enough labels, after excluding 3 leaky column(s)',
    tiles: [
      { id: 'auc', label: 'AUC on held-out records', value: '0.84', detail: '90% interval 0.79 to 0.89' },
      { id: 'labels', label: 'Labelled outcomes', value: '5,051', detail: '126 won, 4,925 lost' },
    ],
    validation: 'trained on the 3,788 records with a creation date before 2026-06-11, tested on the 1,263 from 2026-06-11 on',
    leaks: ['Lead Status Reason (contacts.csv, not mapped): its values name an outcome ("Closed won"); AUC alone 1.00'],
    drift: ['Lead Form: population stability index 0.38 from 2026Q2 to 2026Q3, over 0.25'],
    label_quality: '97 of 5,051 labelled leads rest on a deal the hygiene findings put in doubt; without them the AUC is 0.85 instead of 0.84 (+0.01)',
    effects: ['Buying Role = Decision maker: 3.1× the base rate (7.7% of 1,020 won)'],
    process: [],
    charts: [roc(), calibration()],
    omitted: [],
    notes: ['a lead without a won deal counts as lost 90 days after creation'],
    ...over,
  };
}

describe('the score readiness section', () => {
  it('shows the core’s verdict, figures and lists in its own words', () => {
    render(ReadinessSection, { readiness: readiness() });
    const verdict = screen.getByTestId('readiness-verdict');
    expect(verdict.textContent).toContain('Ready: a score trained on this history would work');
    expect(verdict.classList.contains('r-ready')).toBe(true);
    const tiles = screen.getAllByTestId('readiness-tile');
    expect(tiles.map((t) => t.dataset.figure)).toEqual(['auc', 'labels']);
    expect(tiles[0]!.textContent).toContain('0.84');
    expect(screen.getByTestId('readiness-validation').textContent).toContain('before 2026-06-11');
    expect(screen.getByTestId('readiness-leaks').textContent).toContain('Lead Status Reason');
    expect(screen.getByTestId('readiness-drift').textContent).toContain('Lead Form');
    expect(screen.getByTestId('readiness-label-quality').textContent).toContain('97 of 5,051');
    expect(screen.getByTestId('readiness-effects').textContent).toContain('Decision maker');
    // No process feature: no empty list.
    expect(screen.queryByTestId('readiness-process')).toBeNull();
  });

  it('draws the ROC curve and the calibration chart from the core’s specs', () => {
    render(ReadinessSection, { readiness: readiness() });
    const charts = screen.getAllByTestId('chart');
    expect(charts.map((c) => c.dataset.chart)).toEqual(['readiness_roc', 'readiness_calibration']);
    const rocChart = charts[0]!;
    const cal = charts[1]!;
    expect(rocChart.dataset.kind).toBe('line');
    expect(rocChart.textContent).toContain('Model (AUC 0.84)');
    expect(rocChart.textContent).toContain('Chance');
    expect(rocChart.querySelectorAll('polyline').length).toBeGreaterThanOrEqual(2);
    expect(cal.dataset.kind).toBe('grouped_bar');
    // Ten deciles, two bars each, the labels as the core wrote them.
    expect(cal.querySelectorAll('.plot rect.bar')).toHaveLength(20);
    expect(within(cal).getByText('Won rate')).toBeTruthy();
    expect(cal.textContent).toContain('12%');
  });

  it('says why a chart is not drawn when the model could not be validated', () => {
    render(ReadinessSection, {
      readiness: readiness({
        verdict: 'unmeasured',
        verdict_label: 'Not measured',
        reason: 'no won outcomes at all',
        charts: [],
        omitted: [
          { id: 'readiness_roc', title: 'ROC curve: won leads found against lost leads flagged', reason: 'no lead has a known outcome' },
        ],
        leaks: [],
        drift: [],
        label_quality: null,
        effects: [],
      }),
    });
    expect(screen.queryAllByTestId('chart')).toHaveLength(0);
    expect(screen.getByTestId('readiness-omitted').textContent).toContain('not drawn, no lead has a known outcome.');
    expect(screen.getByTestId('readiness-verdict').classList.contains('r-unmeasured')).toBe(true);
    expect(screen.queryByTestId('readiness-leaks')).toBeNull();
  });
});
