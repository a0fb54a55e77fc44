import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/svelte';
import Sparkline from './Sparkline.svelte';
import TrendTable from './TrendTable.svelte';
import { trend } from './trend-fixture';

afterEach(cleanup);

const median = trend('speed_median', 'Speed-to-lead, median', [659, 36, null, 600], ['11 h', '36 min', 'Not available', '10 h'], 60);
const win = trend('win_rate', 'Win rate', [300, 420, 410, 350], ['35%', '42%', '41%', '35%']);

describe('the sparkline', () => {
  it('breaks the line at a gap and marks it, never drawing it as 0', () => {
    render(Sparkline, { spec: median.chart });
    const runs = screen.getAllByTestId('spark-run');
    // Q2–Q3 is one run; Q1 stands alone after the gap (a single point: no run).
    expect(runs).toHaveLength(1);
    expect(runs[0]!.getAttribute('points')!.split(' ')).toHaveLength(2);
    expect(screen.getAllByTestId('spark-dot')).toHaveLength(3);
    const gap = screen.getByTestId('spark-gap');
    expect(gap.textContent).toContain('2026 Q4: –');
    // The gap sits on the baseline as a hollow mark; no dot is drawn at 0 for it.
    const dotsAtZero = screen.getAllByTestId('spark-dot').filter((d) => Number(d.getAttribute('cy')) >= 28);
    expect(dotsAtZero).toHaveLength(0);
    expect(screen.getByTestId('spark-target')).toBeTruthy();
    expect(screen.getByTestId('sparkline').getAttribute('aria-label')).toContain('2026 Q4: –');
  });

  it('draws one unbroken line when every audit has a value', () => {
    render(Sparkline, { spec: win.chart });
    const runs = screen.getAllByTestId('spark-run');
    expect(runs).toHaveLength(1);
    expect(runs[0]!.getAttribute('points')!.split(' ')).toHaveLength(4);
    expect(screen.queryByTestId('spark-gap')).toBeNull();
    expect(screen.queryByTestId('spark-target')).toBeNull();
  });
});

describe('the trend table', () => {
  it('shows a sparkline per figure, the newest value and the audits without one', () => {
    render(TrendTable, { trends: [median, win] });
    const rows = screen.getAllByTestId('trend-row');
    expect(rows.map((r) => r.dataset.figure)).toEqual(['speed_median', 'win_rate']);
    expect(within(rows[0]!).getByTestId('sparkline')).toBeTruthy();
    expect(rows[0]!.textContent).toContain('10 h');
    expect(rows[0]!.textContent).toContain('SLA target: 1 h');
    expect(within(rows[0]!).getByTestId('trend-gaps').textContent).toContain('2026 Q4: not available (no first-touch column');
    expect(within(rows[1]!).getByTestId('trend-gaps').textContent).toBe('');
    expect(screen.getByTestId('trends').textContent).toContain('4 audits, oldest first: 2026 Q2, 2026 Q3, 2026 Q4, 2027 Q1');
  });

  it('opens the figure’s chart on click, with the gap as a gap', async () => {
    render(TrendTable, { trends: [median, win] });
    expect(screen.queryByTestId('trend-chart')).toBeNull();
    await fireEvent.click(screen.getByRole('button', { name: 'Speed-to-lead, median' }));
    const chart = screen.getByTestId('trend-chart');
    const figure = within(chart).getByTestId('chart');
    expect(figure.dataset.chart).toBe('trend_speed_median');
    expect(figure.dataset.kind).toBe('line');
    // Three points drawn; the 2026 Q4 gap is not a point (and not a 0).
    expect(figure.querySelectorAll('circle.dot')).toHaveLength(3);
    expect(figure.querySelectorAll('polyline.line')).toHaveLength(2);
    expect(figure.textContent).toContain('No value (a gap, not 0)');
    expect(figure.textContent).toContain('SLA target: 1 h');
    await fireEvent.click(screen.getByRole('button', { name: 'Win rate' }));
    expect(within(screen.getByTestId('trend-chart')).getByTestId('chart').dataset.chart).toBe('trend_win_rate');
    await fireEvent.click(screen.getByRole('button', { name: 'Close the chart' }));
    expect(screen.queryByTestId('trend-chart')).toBeNull();
  });
});
