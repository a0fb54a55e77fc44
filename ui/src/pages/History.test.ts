import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import type { ComparisonView, HistoryRow } from '../lib/api';
import { Audits } from './audits.svelte';
import History from './History.svelte';
import { trend } from './history/trend-fixture';

afterEach(() => {
  cleanup();
  clearMocks();
});

const row = (id: number, name: string, within5: string): HistoryRow => ({
  id,
  name,
  period: 'whole export',
  created_at: '2026-10-02T09:00:00Z',
  verdict: 'Pilot on one clean segment',
  figures: [
    { id: 'speed_median', label: 'Speed-to-lead, median', value: 'Not reached' },
    { id: 'within_5m', label: 'Contacted within 5 minutes', value: within5 },
  ],
});

function comparison(before: number, after: number): ComparisonView {
  return {
    before: { id: before, name: `Audit ${before}`, period: 'whole export' },
    after: { id: after, name: `Audit ${after}`, period: 'whole export' },
    figures: [
      { id: 'within_5m', label: 'Contacted within 5 minutes', before: '15%', after: '37%', change: '+22 pts', movement: 'better', note: null },
      { id: 'win_rate', label: 'Win rate', before: '42%', after: '38%', change: '−4 pts', movement: 'worse', note: null },
      { id: 'speed_median', label: 'Speed-to-lead, median', before: 'Not reached', after: '35 min', change: null, movement: 'better', note: null },
      {
        id: 'lead_to_won',
        label: 'Lead to won',
        before: '4%',
        after: 'Not available',
        change: null,
        movement: 'unjudged',
        note: `not available in Audit ${after}: no deals file`,
      },
    ],
    summary: { better: 2, worse: 1, same: 0, unjudged: 1 },
    findings: [
      { id: 'duplicate_clusters', label: 'Duplicate clusters', before: '130', after: '42', change: '−88', movement: 'better', note: null },
      {
        id: 'orphan_activities',
        label: 'Orphan activities',
        before: '15',
        after: 'Not available',
        change: null,
        movement: 'unjudged',
        note: `not available in Audit ${after}: no activities file was given`,
      },
    ],
    grades: [{ item: 5, title: 'Dedupe and identity', before: 'Partial', after: 'In place', movement: 'better' }],
  };
}

const TRENDS = [
  trend('speed_median', 'Speed-to-lead, median', [659, 36, null, 600], ['11 h', '36 min', 'Not available', '10 h'], 60),
];

function setup(rows: HistoryRow[]) {
  const asked: [number, number][] = [];
  mockIPC((cmd, args) => {
    if (cmd === 'audit_history') return rows;
    if (cmd === 'audit_trends') return TRENDS;
    if (cmd === 'compare_audits') {
      const a = args as { before: number; after: number };
      asked.push([a.before, a.after]);
      return comparison(a.before, a.after);
    }
    return undefined;
  });
  const onopen = vi.fn();
  render(History, { workspace: '/w/a.leadaudit', audits: new Audits('/w/a.leadaudit'), onopen });
  return { asked, onopen };
}

describe('the history', () => {
  it('lists the audits newest first and compares the last two, figure by figure', async () => {
    const { asked, onopen } = setup([row(1, '2026 Q2', '15%'), row(2, '2026 Q3', '37%')]);
    const rows = await screen.findAllByTestId('history-row');
    expect(rows.map((r) => r.dataset.audit)).toEqual(['2', '1']);
    expect(rows[0]!.textContent).toContain('Not reached');
    await vi.waitFor(() => expect(asked).toEqual([[1, 2]]));
    const figures = await screen.findByTestId('compare-figures');
    const better = within(figures)
      .getAllByTestId('compare-row')
      .find((r) => r.dataset.figure === 'within_5m')!;
    expect(better.dataset.movement).toBe('better');
    expect(better.textContent).toContain('+22 pts');
    expect(better.textContent).toContain('Better');
    expect(screen.getByTestId('comparison').textContent).toContain('2 figures better, 1 worse; 1 not judged');
    expect(screen.getByTestId('compare-findings').textContent).toContain('Duplicate clusters');
    // A figure or finding one audit could not measure: no verdict, the reason instead.
    const orphans = within(screen.getByTestId('compare-findings'))
      .getAllByTestId('compare-row')
      .find((r) => r.dataset.figure === 'orphan_activities')!;
    expect(orphans.textContent).not.toContain('Better');
    expect(orphans.textContent).toContain('Not judged: not available in Audit 2: no activities file was given');
    expect(screen.getByTestId('compare-grades').textContent).toContain('Partial → In place');
    await fireEvent.click(within(rows[1]!).getByRole('button', { name: /Open its dashboard/ }));
    expect(onopen).toHaveBeenCalledWith(1);
  });

  it('compares the two audits picked', async () => {
    const { asked } = setup([row(1, 'Q1', '10%'), row(2, 'Q2', '15%'), row(3, 'Q3', '37%')]);
    await vi.waitFor(() => expect(asked).toEqual([[2, 3]]));
    await fireEvent.change(screen.getByTestId('compare-before'), { target: { value: '1' } });
    await fireEvent.click(screen.getByTestId('compare-button'));
    await vi.waitFor(() => expect(asked).toEqual([[2, 3], [1, 3]]));
  });

  it('says what it needs when there are fewer than two audits', async () => {
    setup([row(1, '2026 Q2', '15%')]);
    expect((await screen.findByTestId('compare-needs-two')).textContent).toContain('needs two audits');
    expect(screen.queryByTestId('trends')).toBeNull();
  });

  it('shows each headline figure across the audits, a chart on click', async () => {
    setup([row(1, '2026 Q2', '15%'), row(2, '2026 Q3', '37%'), row(3, '2026 Q4', 'Not available'), row(4, '2027 Q1', '14%')]);
    const trends = await screen.findByTestId('trends');
    const median = within(trends).getAllByTestId('trend-row')[0]!;
    expect(median.dataset.figure).toBe('speed_median');
    expect(within(median).getByTestId('spark-gap')).toBeTruthy();
    expect(within(median).getAllByTestId('spark-dot')).toHaveLength(3);
    await fireEvent.click(within(median).getByRole('button', { name: 'Speed-to-lead, median' }));
    expect(within(screen.getByTestId('trend-chart')).getByTestId('chart').dataset.chart).toBe('trend_speed_median');
  });
});
