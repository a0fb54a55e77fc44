import { afterEach, describe, expect, it } from 'vitest';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import type { CheckResult, Grade } from '../../lib/api';
import { checks, graded, verdict } from '../walkthrough/testing';
import { Walkthrough } from '../walkthrough/walkthrough.svelte';
import { clock, Deck, ITEM_SLOT_MS, WORKSHOP_GRADE_KEYS } from './deck.svelte';

afterEach(() => clearMocks());

function key(k: string, target?: HTMLElement, mods: Partial<KeyboardEventInit> = {}): KeyboardEvent {
  const e = new KeyboardEvent('keydown', { key: k, ...mods });
  if (target) Object.defineProperty(e, 'target', { value: target });
  return e;
}

/** A clock the test moves by hand. */
function fakeClock(start = 1_000_000) {
  let t = start;
  return { read: () => t, advance: (ms: number) => (t += ms) };
}

/** Answers `grade_item` like the core, recording each call's arguments. */
function core() {
  let list: CheckResult[] = checks();
  const calls: { workspace: string; audit: number; item: number; grade: Grade }[] = [];
  mockIPC(async (cmd, args) => {
    if (cmd !== 'grade_item') throw new Error(`unexpected ${cmd}`);
    const a = args as { workspace: string; audit: number; item: number; grade: Grade };
    calls.push(a);
    const answer = graded(list, a.item, a.grade);
    list = answer.checks;
    return answer;
  });
  return calls;
}

describe('the running order', () => {
  it('is the 12 items, then the verdict, then what to fix first', () => {
    const deck = new Deck(12);
    expect(deck.slides).toHaveLength(14);
    expect(deck.slides[0]).toEqual({ kind: 'item', index: 0 });
    expect(deck.slides[12]).toEqual({ kind: 'verdict' });
    expect(deck.slides[13]).toEqual({ kind: 'fix' });
  });

  it('moves with the arrows, Page Up/Down, Space, Home and End, and stops at either end', () => {
    const deck = new Deck(12);
    expect(deck.key(key('ArrowLeft'), null)).toBe(true);
    expect(deck.index).toBe(0);
    deck.key(key('ArrowRight'), null);
    deck.key(key('PageDown'), null);
    deck.key(key(' '), null);
    expect(deck.index).toBe(3);
    deck.key(key('PageUp'), null);
    expect(deck.index).toBe(2);
    deck.key(key('End'), null);
    expect(deck.slide.kind).toBe('fix');
    expect(deck.item).toBeNull();
    deck.key(key('ArrowRight'), null);
    expect(deck.index).toBe(13);
    deck.key(key('Home'), null);
    expect(deck.item).toBe(0);
  });

  it('leaves keys alone in a text field or with Ctrl (Ctrl+Shift+W leaves the mode)', () => {
    const deck = new Deck(12);
    const input = document.createElement('input');
    expect(deck.key(key('ArrowRight', input), null)).toBe(false);
    expect(deck.key(key('w', undefined, { ctrlKey: true, shiftKey: true }), null)).toBe(false);
    expect(deck.index).toBe(0);
  });

  it('shows and hides the notes with N', () => {
    const deck = new Deck(12);
    deck.key(key('n'), null);
    expect(deck.notes).toBe(true);
    deck.key(key('N'), null);
    expect(deck.notes).toBe(false);
  });
});

describe('the timer', () => {
  it('counts the time on each screen, keeps it when you come back, and pauses with T', () => {
    const c = fakeClock();
    const deck = new Deck(12, c.read);
    c.advance(65_000);
    deck.tick();
    expect(clock(deck.elapsed())).toBe('1:05');
    deck.next();
    c.advance(10_000);
    deck.tick();
    expect(deck.elapsed()).toBe(10_000);
    expect(deck.elapsed(0)).toBe(65_000);
    deck.previous();
    c.advance(5_000);
    deck.tick();
    expect(deck.elapsed()).toBe(70_000);
    deck.key(key('t'), null);
    expect(deck.running).toBe(false);
    c.advance(60_000);
    deck.tick();
    expect(deck.elapsed()).toBe(70_000);
    deck.key(key('t'), null);
    c.advance(1_000);
    deck.tick();
    expect(deck.elapsed()).toBe(71_000);
    deck.reset();
    expect(deck.elapsed()).toBe(0);
  });

  it('warns when an item runs past its slot', () => {
    const c = fakeClock();
    const deck = new Deck(12, c.read);
    c.advance(ITEM_SLOT_MS);
    deck.tick();
    expect(deck.over).toBe(false);
    c.advance(1_000);
    deck.tick();
    expect(deck.over).toBe(true);
  });

  it('reads minutes and seconds', () => {
    expect(clock(0)).toBe('0:00');
    expect(clock(59_999)).toBe('0:59');
    expect(clock(61 * 60_000 + 7_000)).toBe('61:07');
  });
});

describe('grading in the room', () => {
  it('saves through the walkthrough’s grade_item call, with 1/2/3/0 and I/P/M', async () => {
    const calls = core();
    const walk = new Walkthrough('/w/acme.leadaudit', 4, checks(), verdict(), 0);
    const deck = new Deck(12);
    const keys = ['i', '2', 'M', '0', 'p', '3', '1'];
    for (const k of keys) {
      expect(deck.key(key(k), walk)).toBe(true);
      deck.key(key('ArrowRight'), walk);
      expect(walk.index).toBe(deck.index);
    }
    await new Promise((r) => setTimeout(r, 0));
    await walk.flush();
    expect(calls.map((c) => [c.workspace, c.audit, c.item, c.grade.grade])).toEqual([
      ['/w/acme.leadaudit', 4, 1, 'in_place'],
      ['/w/acme.leadaudit', 4, 2, 'partial'],
      ['/w/acme.leadaudit', 4, 3, 'missing'],
      ['/w/acme.leadaudit', 4, 4, 'not_assessed'],
      ['/w/acme.leadaudit', 4, 5, 'partial'],
      ['/w/acme.leadaudit', 4, 6, 'missing'],
      ['/w/acme.leadaudit', 4, 7, 'in_place'],
    ]);
    expect(walk.checks[0]!.grade?.grade).toBe('in_place');
  });

  it('does not grade on the verdict or fix-first screens', () => {
    const walk = new Walkthrough('/w/acme.leadaudit', 4, checks(), verdict(), 0);
    const deck = new Deck(12);
    deck.go(12, walk);
    expect(deck.key(key('1'), walk)).toBe(false);
    expect(walk.statuses.every((s) => s.state === 'idle')).toBe(true);
  });

  it('knows a key for every grade', () => {
    expect(new Set(Object.values(WORKSHOP_GRADE_KEYS))).toEqual(new Set(['in_place', 'partial', 'missing', 'not_assessed']));
  });
});
