// Workshop mode's running order: the 12 items one per screen, then the verdict and
// what to fix first; which screen is on, a timer per screen, the presenter's notes
// shown or not, and the room's keys. Grading goes through the walkthrough's own
// `Walkthrough` (the same `grade_item` call, the same rules), so a grade given here is
// saved exactly as in the walkthrough.
import type { GradeLevel } from '../../lib/api';
import type { Walkthrough } from '../walkthrough/walkthrough.svelte';

/** One screen of the running order. */
export type Slide = { kind: 'item'; index: number } | { kind: 'verdict' } | { kind: 'fix' };

/** The keys that grade in the room: 1/I in place, 2/P partial, 3/M missing, 0 not assessed. */
export const WORKSHOP_GRADE_KEYS: Record<string, GradeLevel> = {
  '1': 'in_place',
  i: 'in_place',
  '2': 'partial',
  p: 'partial',
  '3': 'missing',
  m: 'missing',
  '0': 'not_assessed',
};

/** The time each item is given in the workshop's plan (ms): the timer warns past it. */
export const ITEM_SLOT_MS = 5 * 60_000;

/** "4:05" for a span in milliseconds (whole seconds, minutes unbounded). */
export function clock(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

function typing(target: EventTarget | null): boolean {
  if (!target || typeof HTMLElement === 'undefined' || !(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !['checkbox', 'radio', 'button'].includes(target.type);
}

export class Deck {
  readonly slides: Slide[];
  /** The screen on show. */
  index = $state(0);
  /** The presenter's notes are shown. */
  notes = $state(false);
  /** The timer runs. */
  running = $state(true);
  /** Time spent on each screen before the current visit (ms). */
  spent = $state<number[]>([]);
  /** The clock's last reading, refreshed by `tick` so the timer redraws. */
  now = $state(0);
  private since: number;
  private readonly read: () => number;

  constructor(items: number, read: () => number = () => Date.now()) {
    this.slides = [...Array.from({ length: items }, (_, index): Slide => ({ kind: 'item', index })), { kind: 'verdict' }, { kind: 'fix' }];
    this.spent = this.slides.map(() => 0);
    this.read = read;
    this.now = read();
    this.since = this.now;
  }

  get slide(): Slide {
    return this.slides[this.index]!;
  }

  /** The item on screen (0-based), or `null` on the verdict and fix-first screens. */
  get item(): number | null {
    const s = this.slide;
    return s.kind === 'item' ? s.index : null;
  }

  /** Time on screen `i` so far, the current visit included (ms). */
  elapsed(i: number = this.index): number {
    const base = this.spent[i] ?? 0;
    return i === this.index && this.running ? base + Math.max(0, this.now - this.since) : base;
  }

  /** Whether the screen on show has run past its slot (items only). */
  get over(): boolean {
    return this.item !== null && this.elapsed() > ITEM_SLOT_MS;
  }

  /** Reads the clock (called every second while the mode is on). */
  tick(): void {
    this.now = this.read();
  }

  private bank(): void {
    this.now = this.read();
    if (this.running) this.spent[this.index] = (this.spent[this.index] ?? 0) + Math.max(0, this.now - this.since);
    this.since = this.now;
  }

  go(index: number, walk?: Walkthrough | null): void {
    if (index < 0 || index >= this.slides.length || index === this.index) return;
    this.bank();
    this.index = index;
    const item = this.item;
    if (walk && item !== null) walk.go(item);
  }

  next(walk?: Walkthrough | null): void {
    this.go(this.index + 1, walk);
  }

  previous(walk?: Walkthrough | null): void {
    this.go(this.index - 1, walk);
  }

  /** Pauses or resumes the timer. */
  pause(): void {
    this.bank();
    this.running = !this.running;
  }

  /** Sets the screen's timer back to 0. */
  reset(): void {
    this.bank();
    this.spent[this.index] = 0;
  }

  /**
   * The room's keys, outside text fields: 1/2/3/0 or I/P/M grade the item on screen
   * (through `walk`), →/PageDown/Space and ←/PageUp move, Home and End go to the first
   * item and the last screen, N shows or hides the notes, T pauses the timer. Returns
   * whether the key was used.
   */
  key(event: KeyboardEvent, walk: Walkthrough | null): boolean {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return false;
    const k = event.key.length === 1 ? event.key.toLowerCase() : event.key;
    const level = WORKSHOP_GRADE_KEYS[k];
    if (level) {
      const item = this.item;
      if (item === null || !walk) return false;
      walk.go(item);
      void walk.setGrade(level);
      return true;
    }
    switch (k) {
      case 'ArrowRight':
      case 'PageDown':
      case ' ':
        this.next(walk);
        return true;
      case 'ArrowLeft':
      case 'PageUp':
        this.previous(walk);
        return true;
      case 'Home':
        this.go(0, walk);
        return true;
      case 'End':
        this.go(this.slides.length - 1, walk);
        return true;
      case 'n':
        this.notes = !this.notes;
        return true;
      case 't':
        this.pause();
        return true;
      default:
        return false;
    }
  }
}
