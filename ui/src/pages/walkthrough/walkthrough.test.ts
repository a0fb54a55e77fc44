import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import type { CheckResult, Grade } from '../../lib/api';
import { checks, graded, verdict } from './testing';
import { TYPING_PAUSE, Walkthrough } from './walkthrough.svelte';

interface Call {
  item: number;
  grade: Grade;
}

/** Answers `grade_item` like the core (with every check and the verdict), recording each call. */
function core(options: { fail?: (call: Call) => boolean; hold?: boolean } = {}) {
  let list: CheckResult[] = checks();
  const calls: Call[] = [];
  const held: (() => void)[] = [];
  mockIPC(async (cmd, args) => {
    if (cmd !== 'grade_item') return undefined;
    const a = args as { workspace: string; audit: number; item: number; grade: Grade };
    const call = { item: a.item, grade: a.grade };
    calls.push(call);
    if (options.hold) await new Promise<void>((r) => held.push(r));
    if (options.fail?.(call)) throw { code: 'workspace_error', message: '/w/a.leadaudit: database is locked' };
    const answer = graded(list, a.item, a.grade, `Verdict after ${calls.length}`);
    list = answer.checks;
    return answer;
  });
  return { calls, release: () => held.splice(0).forEach((r) => r()) };
}

function walkthrough(): Walkthrough {
  return new Walkthrough('/w/a.leadaudit', 3, checks(), verdict());
}

function key(k: string, target?: HTMLElement, mods: Partial<KeyboardEventInit> = {}): KeyboardEvent {
  const e = new KeyboardEvent('keydown', { key: k, ...mods });
  if (target) Object.defineProperty(e, 'target', { value: target });
  return e;
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  vi.useRealTimers();
  clearMocks();
});

describe('the keyboard', () => {
  it('grades with 1, 2, 3 and 0, and moves with the arrows', async () => {
    const { calls } = core();
    const w = walkthrough();
    expect(w.key(key('2'))).toBe(true);
    await vi.runAllTimersAsync();
    expect(w.key(key('ArrowRight'))).toBe(true);
    expect(w.index).toBe(1);
    w.key(key('3'));
    w.key(key('ArrowRight'));
    w.key(key('1'));
    w.key(key('ArrowRight'));
    w.key(key('0'));
    await vi.runAllTimersAsync();
    expect(calls.map((c) => [c.item, c.grade.grade])).toEqual([
      [1, 'partial'],
      [2, 'missing'],
      [3, 'in_place'],
      [4, 'not_assessed'],
    ]);
    w.key(key('ArrowLeft'));
    expect(w.index).toBe(2);
    // Never past either end.
    w.go(0);
    w.key(key('ArrowLeft'));
    expect(w.index).toBe(0);
    w.go(11);
    w.key(key('ArrowRight'));
    expect(w.index).toBe(11);
  });

  it('leaves keys alone while the person types, and with a modifier', async () => {
    const { calls } = core();
    const w = walkthrough();
    const note = document.createElement('textarea');
    const owner = document.createElement('input');
    const box = document.createElement('input');
    box.type = 'checkbox';
    expect(w.key(key('1', note))).toBe(false);
    expect(w.key(key('ArrowRight', owner))).toBe(false);
    expect(w.key(key('2', undefined, { ctrlKey: true }))).toBe(false);
    expect(w.key(key('x'))).toBe(false);
    expect(w.index).toBe(0);
    // A checkbox is not a text field.
    expect(w.key(key('2', box))).toBe(true);
    await vi.runAllTimersAsync();
    expect(calls.map((c) => c.grade.grade)).toEqual(['partial']);
  });
});

describe('autosave', () => {
  it('saves a grade at once, one call, and shows the core’s checks and verdict', async () => {
    const { calls } = core();
    const w = walkthrough();
    const saving = w.setGrade('missing');
    expect(w.status).toEqual({ state: 'saving', message: null });
    await saving;
    expect(calls).toEqual([{ item: 1, grade: { grade: 'missing', note: '', owner: '', due: null } }]);
    expect(w.status).toEqual({ state: 'saved', message: null });
    expect(w.verdict?.label).toBe('Verdict after 1');
    expect(w.current?.grade?.grade).toBe('missing');
    expect(w.current?.override).toBe(true);
  });

  it('waits for typing to pause, then saves the last text once', async () => {
    const { calls } = core();
    const w = walkthrough();
    await w.setGrade('partial');
    void w.setNote('H');
    void w.setNote('Ha');
    void w.setNote('Half the reps log calls');
    expect(w.status?.state).toBe('pending');
    await vi.advanceTimersByTimeAsync(TYPING_PAUSE - 1);
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await vi.runAllTimersAsync();
    expect(calls).toHaveLength(2);
    expect(calls[1]!.grade).toEqual({ grade: 'partial', note: 'Half the reps log calls', owner: '', due: null });
    expect(w.status?.state).toBe('saved');
  });

  it('saves at once what waits for typing when leaving', async () => {
    const { calls } = core();
    const w = walkthrough();
    await w.setGrade('partial');
    void w.setNote('written just before leaving');
    await w.flush();
    expect(calls.at(-1)!.grade.note).toBe('written just before leaving');
    expect(w.status?.state).toBe('saved');
    await vi.runAllTimersAsync();
    expect(calls).toHaveLength(2);
  });

  it('keeps a note until a grade is chosen, then saves both in one call', async () => {
    const { calls } = core();
    const w = walkthrough();
    await w.setNote('ask Dana');
    await vi.runAllTimersAsync();
    expect(calls).toHaveLength(0);
    expect(w.status?.state).toBe('waiting');
    await w.setGrade('partial');
    expect(calls).toEqual([{ item: 1, grade: { grade: 'partial', note: 'ask Dana', owner: '', due: null } }]);
  });

  it('saves the latest of changes made while a save is under way, after it', async () => {
    const core_ = core({ hold: true });
    const w = walkthrough();
    const first = w.setGrade('partial');
    await vi.advanceTimersByTimeAsync(0);
    void w.setGrade('missing');
    void w.setNote('agreed with Dana');
    void w.flush();
    expect(core_.calls).toHaveLength(1);
    expect(w.status?.state).toBe('saving');
    core_.release();
    await vi.advanceTimersByTimeAsync(0);
    core_.release();
    await first;
    expect(core_.calls.map((c) => [c.grade.grade, c.grade.note])).toEqual([
      ['partial', ''],
      ['missing', 'agreed with Dana'],
    ]);
    expect(w.status?.state).toBe('saved');
  });

  it('records item 10’s escalation rules with its grade', async () => {
    const { calls } = core();
    const w = walkthrough();
    w.go(9);
    await w.setGrade('partial');
    await w.toggleRule('high_value', true);
    await w.toggleRule('low_confidence', true);
    await w.toggleRule('high_value', false);
    expect(calls.map((c) => c.grade.escalation ?? [])).toEqual([[], ['high_value'], ['high_value', 'low_confidence'], ['low_confidence']]);
    expect(calls.every((c) => c.item === 10)).toBe(true);
  });
});

describe('the due date', () => {
  it('is saved once typed as YYYY-MM-DD, and held with a message otherwise', async () => {
    const { calls } = core();
    const w = walkthrough();
    await w.setGrade('partial');
    void w.setDue('2026-02-30');
    await vi.runAllTimersAsync();
    expect(w.status).toEqual({ state: 'blocked', message: 'Write the due date as YYYY-MM-DD, like 2026-12-31, or leave it empty.' });
    void w.setDue('31/12/2026');
    await vi.runAllTimersAsync();
    expect(calls).toHaveLength(1);
    void w.setDue(' 2026-12-31 ');
    await vi.runAllTimersAsync();
    expect(calls.at(-1)!.grade.due).toBe('2026-12-31');
    expect(w.status?.state).toBe('saved');
    void w.setDue('');
    await vi.runAllTimersAsync();
    expect(calls.at(-1)!.grade.due).toBeNull();
  });
});

describe('errors', () => {
  it('shows a failed save in the core’s words, and saves on retry', async () => {
    let fail = true;
    const { calls } = core({ fail: () => fail });
    const w = walkthrough();
    await w.setGrade('missing');
    expect(w.status).toEqual({ state: 'error', message: '/w/a.leadaudit: database is locked' });
    expect(w.unsaved).toEqual([1]);
    expect(w.verdict?.label).toBe('Pilot on one clean segment');
    fail = false;
    await w.retry();
    expect(calls).toHaveLength(2);
    expect(w.status).toEqual({ state: 'saved', message: null });
    expect(w.unsaved).toEqual([]);
  });
});

describe('the owner rule', () => {
  it('holds “in place” on items 8, 10 and 12 until an owner is named, then saves it', async () => {
    const { calls } = core();
    const w = walkthrough();
    for (const index of [7, 9, 11]) {
      w.go(index);
      await w.setGrade('in_place');
      expect(w.status?.state).toBe('blocked');
      expect(w.status?.message).toBe(
        `Item ${index + 1} (${w.current!.title}) can be in place only with a named owner: name the owner, and the grade is saved.`,
      );
      // Spaces are not a name.
      void w.setOwner('   ');
      await vi.runAllTimersAsync();
      expect(w.status?.state).toBe('blocked');
    }
    expect(calls).toHaveLength(0);
    expect(w.unsaved).toEqual([8, 10, 12]);

    w.go(7);
    void w.setOwner('Dana Cruz ');
    expect(w.status?.state).toBe('pending');
    await vi.runAllTimersAsync();
    expect(calls).toEqual([{ item: 8, grade: { grade: 'in_place', note: '', owner: 'Dana Cruz', due: null } }]);
    expect(w.status?.state).toBe('saved');
    // Other items and other grades need no owner.
    w.go(0);
    await w.setGrade('in_place');
    w.go(11);
    await w.setGrade('partial');
    expect(calls.map((c) => [c.item, c.grade.grade])).toEqual([
      [8, 'in_place'],
      [1, 'in_place'],
      [12, 'partial'],
    ]);
  });

  it('shows the core’s refusal when it refuses all the same', async () => {
    mockIPC(() => {
      throw { code: 'owner_needed', message: 'item 8 (A named SLA owner) can be in place only with a named owner' };
    });
    const w = walkthrough();
    w.go(7);
    await w.setOwner('Dana');
    await w.setGrade('in_place');
    expect(w.status).toEqual({ state: 'error', message: 'item 8 (A named SLA owner) can be in place only with a named owner' });
  });
});
