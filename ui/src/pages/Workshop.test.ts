import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import type { CheckResult, Grade, WorkshopView } from '../lib/api';
import { Audits } from './audits.svelte';
import { checks, graded, reference, verdict, view } from './walkthrough/testing';
import Workshop from './Workshop.svelte';

afterEach(() => {
  cleanup();
  clearMocks();
});

/** A workshop view shaped like the core's: item 7 answered by a chart and a figure, item 1 by findings. */
function workshopView(): WorkshopView {
  const v = view();
  return {
    audit: { id: 1, name: '2026 Q3', period: 'whole export' },
    previous: null,
    checks: checks(),
    verdict: { ...verdict(), fix_first: [{ item: 3, title: 'Fit vs engagement split', grade: 'missing', owner: null, due: null, evidence: 'One blended score.' }] },
    items: checks().map((c) => ({
      item: c.item,
      chart: c.item === 7 ? v.charts[0]! : null,
      omitted: null,
      figure: c.item === 7 ? v.headline[1]! : null,
      findings:
        c.item === 1
          ? [{ id: 'closed_missing_close_reason', severity: 'critical', title: '40 closed deals have no close reason', count: '40 of 200 (20%)', examples: ['38151544', '38151545'], fix: 'Make the reason required.' }]
          : [],
      definitions: c.item === 7 ? [{ id: 'within_5m', term: 'Contacted within 5 minutes', text: 'Leads first touched within 5 minutes.' }] : [],
    })),
  };
}

function shell() {
  let list: CheckResult[] = checks();
  const calls: string[] = [];
  const saved: { item: number; grade: Grade }[] = [];
  mockIPC((cmd, raw) => {
    calls.push(cmd);
    const args = raw as { item: number; grade: Grade };
    switch (cmd) {
      case 'workshop_view':
        return workshopView();
      case 'checklist_reference':
        return reference();
      case 'grade_item': {
        saved.push({ item: args.item, grade: args.grade });
        const answer = graded(list, args.item, args.grade);
        list = answer.checks;
        return answer;
      }
      default:
        throw new Error(`unexpected command ${cmd}`);
    }
  });
  return { calls, saved };
}

async function setup() {
  const ipc = shell();
  const audits = new Audits('/w/a.leadaudit');
  audits.current = 1;
  const onleave = vi.fn();
  render(Workshop, { workspace: '/w/a.leadaudit', audits, onleave });
  await screen.findByTestId('workshop-item');
  return { ...ipc, onleave };
}

const press = (key: string, mods: Partial<KeyboardEventInit> = {}) => fireEvent.keyDown(window, { key, ...mods });

describe('workshop mode', () => {
  it('reads the redacted workshop view, never the dashboard’s, and has no reveal control', async () => {
    const { calls } = await setup();
    expect(calls).toContain('workshop_view');
    expect(calls).not.toContain('audit_view');
    expect(screen.queryByTestId('reveal-personal-data')).toBeNull();
    expect(screen.queryByText(/personal data/i)).toBeNull();
  });

  it('shows the question, the findings with their counts and record ids, the suggestion and the agenda', async () => {
    await setup();
    expect(screen.getByTestId('workshop-question').textContent).toBe('Question 1?');
    expect(screen.getByTestId('workshop-findings').textContent).toContain('40 of 200 (20%)');
    expect(screen.getByTestId('workshop-examples').textContent).toBe('e.g. 38151544, 38151545');
    expect(screen.getByTestId('workshop-suggestion').textContent).toContain('Partial');
    expect(screen.getAllByRole('button', { name: /^Item \d+:/ })).toHaveLength(12);
    expect(screen.getByTestId('agenda-1').getAttribute('aria-current')).toBe('step');
  });

  it('walks by keyboard to the chart and figure of item 7, grading on the way through grade_item', async () => {
    const { saved } = await setup();
    await press('2');
    await vi.waitFor(() => expect(screen.getByTestId('workshop-grade-status').textContent?.trim()).toBe('Saved'));
    for (let i = 0; i < 6; i++) await press(i % 2 ? 'PageDown' : 'ArrowRight');
    expect(screen.getByTestId('workshop-item').getAttribute('data-item')).toBe('7');
    expect(screen.getByTestId('workshop-figure').textContent).toContain('37%');
    expect(screen.getByTestId('chart').getAttribute('data-chart')).toBe('speed_to_lead_buckets');
    await press('m');
    await vi.waitFor(() => expect(saved.map((s) => [s.item, s.grade.grade])).toEqual([[1, 'partial'], [7, 'missing']]));
    expect(screen.getByTestId('agenda-7').getAttribute('data-grade')).toBe('missing');
  });

  it('opens the presenter’s notes with the rationale, thresholds and definitions', async () => {
    await setup();
    for (let i = 0; i < 6; i++) await press('ArrowRight');
    await press('n');
    const notes = screen.getByTestId('workshop-notes');
    expect(notes.textContent).toContain('Rationale of 7');
    expect(notes.textContent).toContain('in place at 80% or more');
    expect(notes.textContent).toContain('Contacted within 5 minutes');
    await press('n');
    expect(screen.queryByTestId('workshop-notes')).toBeNull();
  });

  it('ends on the verdict and the fix-first list', async () => {
    await setup();
    await press('End');
    expect(screen.getByTestId('workshop-fix-first').textContent).toContain('Fit vs engagement split');
    expect(screen.getByTestId('workshop-fix-first').textContent).toContain('No owner yet');
    await press('PageUp');
    expect(screen.getByTestId('workshop-verdict-label').textContent).toBe('Pilot on one clean segment');
  });

  it('leaves with Esc, but Esc in the owner field only leaves the field', async () => {
    const { onleave } = await setup();
    for (let i = 0; i < 7; i++) await press('ArrowRight');
    const owner = screen.getByTestId('workshop-owner');
    owner.focus();
    await fireEvent.keyDown(owner, { key: 'Escape' });
    expect(onleave).not.toHaveBeenCalled();
    await press('Escape');
    expect(onleave).toHaveBeenCalledTimes(1);
  });
});
