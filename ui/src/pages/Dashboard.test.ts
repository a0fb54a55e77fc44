import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { Audits } from './audits.svelte';
import Dashboard from './Dashboard.svelte';
import { view } from './walkthrough/testing';

afterEach(() => {
  cleanup();
  clearMocks();
});

function setup(edit: (v: ReturnType<typeof view>) => void = () => {}) {
  const asked: { reveal: boolean }[] = [];
  mockIPC((cmd, args) => {
    if (cmd === 'audit_view') {
      asked.push({ reveal: (args as { reveal: boolean }).reveal });
      const v = view();
      edit(v);
      return v;
    }
    return undefined;
  });
  const audits = new Audits('/w/a.leadaudit');
  audits.current = 1;
  const ongrade = vi.fn();
  render(Dashboard, { workspace: '/w/a.leadaudit', audits, ongrade });
  return { asked, ongrade, audits };
}

const tile = (id: string) => screen.getAllByTestId('tile').find((t) => t.dataset.figure === id)!;

describe('the dashboard', () => {
  it('shows the headline figures in the core’s words, never a 0 for what has no number', async () => {
    setup();
    await vi.waitFor(() => expect(screen.getAllByTestId('tile')).toHaveLength(3));
    expect(within(tile('speed_median')).getByTestId('tile-value').textContent).toBe('Not reached');
    expect(tile('speed_median').textContent).toContain('over half the leads were never contacted');
    expect(within(tile('win_rate')).getByTestId('tile-value').textContent).toBe('Not available');
    expect(tile('win_rate').textContent).toContain('no deals file');
    const delta = within(tile('within_5m')).getByTestId('tile-delta');
    expect(delta.textContent).toContain('+22 pts');
    expect(delta.textContent).toContain('since 2026 Q2');
    expect(delta.textContent).toContain('better');
    expect(delta.classList.contains('j-better')).toBe(true);
    // What the figure means, on asking.
    await fireEvent.click(within(tile('within_5m')).getByRole('button'));
    expect(within(tile('within_5m')).getByTestId('tile-definition').textContent).toBe('Leads first touched within 5 minutes.');
    expect(screen.getByTestId('dashboard-subtitle').textContent).toContain('compared with 2026 Q2');
  });

  it('says what the figures stand on when a file lacks a column, in the core’s words', async () => {
    const note = 'leads.csv has no id column: each record is known by its file and line ("leads.csv:2" for line 2)';
    setup((v) => {
      v.result.baseline.notes = [note];
    });
    expect((await screen.findByTestId('baseline-notes')).textContent).toContain(note);
  });

  it('shows no notes when every file has its columns', async () => {
    setup();
    await vi.waitFor(() => expect(screen.getAllByTestId('tile')).toHaveLength(3));
    expect(screen.queryByTestId('baseline-notes')).toBeNull();
  });

  it('draws the core’s chart specs and says which were left out and why', async () => {
    setup();
    const chart = await screen.findByTestId('chart');
    expect(chart.dataset.chart).toBe('speed_to_lead_buckets');
    expect(chart.textContent).toContain('Speed-to-lead: leads by time to first touch');
    // Two bars with values, none for the null: "no value" is not a 0.
    expect(chart.querySelectorAll('rect.bar')).toHaveLength(2);
    // Every number as the core wrote it in the spec's labels: values and axis ticks.
    expect(chart.textContent).toContain('37%');
    expect(chart.textContent).toContain('–');
    const ticks = [...chart.querySelectorAll('text.tick')].map((t) => t.textContent);
    expect(ticks).toEqual(['0%', '10%', '20%', '30%', '40%']);
    expect(chart.textContent).toContain('Leads never contacted stay in the denominator.');
    expect(screen.getByTestId('charts-omitted').textContent).toContain('Leads per owner: not drawn, no owner on any lead.');
  });

  it('groups the findings by item and opens one to its example records', async () => {
    setup();
    const group = await screen.findByTestId('finding-group');
    expect(group.textContent).toContain('Dedupe and identity');
    expect(group.textContent).toContain('1 problem');
    const finding = within(group).getByTestId('finding') as HTMLDetailsElement;
    expect(finding.open).toBe(false);
    await fireEvent.click(finding.querySelector('summary')!);
    expect(finding.open).toBe(true);
    expect(within(finding).getByTestId('finding-examples').textContent).toContain('38151544');
    expect(group.textContent).toContain('1 check found nothing to fix');
  });

  it('hides personal data until asked, and leads to the walkthrough', async () => {
    const { asked, ongrade } = setup();
    await screen.findByTestId('chart');
    expect(asked).toEqual([{ reveal: false }]);
    await fireEvent.click(screen.getByTestId('reveal-personal-data'));
    // The masked view is read beside it: "Copy as PNG" never copies personal data.
    await vi.waitFor(() => expect(asked).toEqual([{ reveal: false }, { reveal: true }, { reveal: false }]));
    await fireEvent.click(screen.getByTestId('go-walkthrough'));
    expect(ongrade).toHaveBeenCalled();
  });
});
