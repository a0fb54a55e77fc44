import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import type { CheckResult, Grade } from '../lib/api';
import { Audits } from './audits.svelte';
import Walkthrough from './Walkthrough.svelte';
import { checks, graded, reference, view } from './walkthrough/testing';

afterEach(() => {
  cleanup();
  clearMocks();
});

function shell() {
  let list: CheckResult[] = checks();
  const saved: { item: number; grade: Grade }[] = [];
  mockIPC((cmd, raw) => {
    const args = raw as { item: number; grade: Grade };
    switch (cmd) {
      case 'audit_view':
        return view();
      case 'checklist_reference':
        return reference();
      case 'grade_item': {
        saved.push({ item: args.item, grade: args.grade });
        const answer = graded(list, args.item, args.grade, args.grade.grade === 'missing' ? 'Fix the foundations first' : 'Pilot on one clean segment');
        list = answer.checks;
        return answer;
      }
      default:
        return undefined;
    }
  });
  return saved;
}

async function setup() {
  const saved = shell();
  const audits = new Audits('/w/a.leadaudit');
  audits.current = 1;
  render(Walkthrough, { workspace: '/w/a.leadaudit', audits });
  await screen.findByTestId('walkthrough-item');
  return saved;
}

const press = (key: string, target: Element | Window = window) => fireEvent.keyDown(target, { key });
const status = () => (screen.getByTestId('grade-status').textContent ?? '').trim();

describe('the walkthrough screen', () => {
  it('shows an item’s question, why, evidence, suggestion and thresholds', async () => {
    await setup();
    await press('ArrowRight');
    await press('ArrowRight');
    await press('ArrowRight');
    await press('ArrowRight');
    await press('ArrowRight');
    await press('ArrowRight');
    const item = screen.getByTestId('walkthrough-item');
    expect(item.dataset.item).toBe('7');
    expect(item.textContent).toContain('Question 7?');
    expect(item.textContent).toContain('Why 7 matters.');
    expect(item.textContent).toContain('What 7 looks like in place.');
    expect(item.textContent).toContain('Evidence 7: 15% of 5,000 leads.');
    expect(screen.getByTestId('suggested').textContent).toContain('Partial');
    expect(screen.getByTestId('thresholds').textContent).toContain('in place at 80% or more; partial at 50% or more; missing below');
  });

  it('calls an item a foundation item when its check says so', async () => {
    await setup();
    const eyebrow = () => screen.getByTestId('walkthrough-item').querySelector('.eyebrow')?.textContent ?? '';
    expect(eyebrow()).toContain('Item 1 of 12 · a foundation item');
    await press('ArrowRight');
    await press('ArrowRight');
    expect(screen.getByTestId('walkthrough-item').dataset.item).toBe('3');
    expect(eyebrow()).not.toContain('foundation');
  });

  it('grades with the keys, saves each change and shows the verdict the core returns', async () => {
    const saved = await setup();
    await press('3');
    await vi.waitFor(() => expect(status()).toBe('Saved'));
    expect(saved).toEqual([{ item: 1, grade: { grade: 'missing', note: '', owner: '', due: null } }]);
    expect(screen.getByTestId('verdict-label').textContent).toBe('Fix the foundations first');
    // Item 1 was suggested partial: the override is shown.
    expect(screen.getByTestId('override').textContent).toContain('differs from the suggestion');
    expect(screen.getByTestId('grade-missing').getAttribute('aria-checked')).toBe('true');

    await press('ArrowRight');
    expect(screen.getByTestId('item-title').textContent).toBe('Won-loss sync to the CRM');
    await press('2');
    await vi.waitFor(() => expect(saved).toHaveLength(2));
    expect(saved[1]).toEqual({ item: 2, grade: { grade: 'partial', note: '', owner: '', due: null } });
    await press('ArrowLeft');
    expect(screen.getByTestId('item-title').textContent).toBe('Closed-won data hygiene');
  });

  it('lets the note take digits and arrows, and Escape leaves it', async () => {
    const saved = await setup();
    await press('1');
    await vi.waitFor(() => expect(status()).toBe('Saved'));
    const note = screen.getByTestId('grade-note');
    note.focus();
    await press('2', note);
    await press('ArrowRight', note);
    expect(screen.getByTestId('walkthrough-item').dataset.item).toBe('1');
    await fireEvent.input(note, { target: { value: '2 reps of 12 log calls' } });
    expect(status()).toBe('Saving…');
    await vi.waitFor(() => expect(saved).toHaveLength(2), { timeout: 3000 });
    expect(saved[1]!.grade).toEqual({ grade: 'in_place', note: '2 reps of 12 log calls', owner: '', due: null });
    await press('Escape', note);
    expect(document.activeElement).toBe(screen.getByTestId('walkthrough-item'));
    await press('ArrowRight');
    expect(screen.getByTestId('walkthrough-item').dataset.item).toBe('2');
  });

  it('asks for the owner before “in place” on item 8, then saves it', async () => {
    const saved = await setup();
    await fireEvent.click(screen.getByTestId('rail-8'));
    await press('1');
    expect(status()).toContain('can be in place only with a named owner');
    expect(saved).toHaveLength(0);
    const owner = screen.getByTestId('grade-owner');
    await vi.waitFor(() => expect(document.activeElement).toBe(owner));
    await fireEvent.input(owner, { target: { value: 'Dana Cruz' } });
    await vi.waitFor(() => expect(status()).toBe('Saved'), { timeout: 3000 });
    expect(saved).toEqual([{ item: 8, grade: { grade: 'in_place', note: '', owner: 'Dana Cruz', due: null } }]);
  });

  it('shows item 10’s four escalation rules as checkboxes and saves them', async () => {
    const saved = await setup();
    await fireEvent.click(screen.getByTestId('rail-10'));
    const rules = screen.getByTestId('escalation-rules');
    expect(within(rules).getAllByRole('checkbox')).toHaveLength(4);
    expect(rules.textContent).toContain('Negative or sensitive');
    await press('2');
    await vi.waitFor(() => expect(saved).toHaveLength(1));
    await fireEvent.click(screen.getByTestId('rule-high_value'));
    await vi.waitFor(() => expect(saved).toHaveLength(2));
    expect(saved[1]!.grade.escalation).toEqual(['high_value']);
    // Other items have no rules to tick.
    await press('ArrowRight');
    expect(screen.queryByTestId('escalation-rules')).toBeNull();
  });
});
