// The walkthrough's state: the 12 items, the person's draft grade of each, and saving
// every change as it happens (one `grade_item` call per change; typing is debounced).
// The core decides everything else: the saved grade comes back with every check and the
// verdict as they now stand, and the core refuses a grade that breaks an item's rules.
// The owner rule is also checked here first, from the check's own `needs_owner`, so the
// message appears at once and nothing doomed is sent.
import {
  gradeItem,
  messageOf,
  type CheckResult,
  type EscalationRule,
  type Grade,
  type GradeLevel,
  type Verdict,
} from '../../lib/api';

/** What the person has chosen for one item, saved or not yet. */
export interface Draft {
  grade: GradeLevel | null;
  note: string;
  owner: string;
  /** YYYY-MM-DD, or '' for none. */
  due: string;
  escalation: EscalationRule[];
}

/**
 * - `idle`: nothing changed since the item was opened;
 * - `pending`: a typed change waits for the typing to pause;
 * - `saving`, `saved`;
 * - `waiting`: a change cannot be saved until a grade is chosen;
 * - `blocked`: the grade breaks the item's rule (e.g. in place without an owner);
 * - `error`: the save failed (the message says why; `retry` tries again).
 */
export type SaveState = 'idle' | 'pending' | 'saving' | 'saved' | 'waiting' | 'blocked' | 'error';

export interface SaveStatus {
  state: SaveState;
  message: string | null;
}

/** What the page says of an item's grade: its save state, or whether it is graded at all. */
export function saveStatusText(status: SaveStatus | undefined, graded: boolean): string {
  switch (status?.state) {
    case 'pending':
    case 'saving':
      return 'Saving…';
    case 'saved':
      return 'Saved';
    case 'waiting':
    case 'blocked':
      return `Not saved yet: ${status.message}`;
    case 'error':
      return `Not saved: ${status.message}`;
    default:
      return graded ? 'Saved' : 'Not graded yet';
  }
}

/** The keys that grade: 1, 2, 3, and 0 for "not assessed". */
export const GRADE_KEYS: Record<string, GradeLevel> = {
  '1': 'in_place',
  '2': 'partial',
  '3': 'missing',
  '0': 'not_assessed',
};

/** How long typing must pause before it is saved (ms). */
export const TYPING_PAUSE = 700;

function draftOf(check: CheckResult): Draft {
  const g = check.grade;
  return {
    grade: g?.grade ?? null,
    note: g?.note ?? '',
    owner: g?.owner ?? '',
    due: g?.due ?? '',
    escalation: [...(g?.escalation ?? [])],
  };
}

/** Whether `text` is a calendar date written YYYY-MM-DD (what the core reads). */
export function isDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** Whether a key event comes from a place where the person types. */
function typing(target: EventTarget | null): boolean {
  if (!target || !(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) {
    return !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(target.type);
  }
  return false;
}

export class Walkthrough {
  readonly workspace: string;
  readonly audit: number;
  readonly pause: number;
  checks = $state<CheckResult[]>([]);
  verdict = $state<Verdict | null>(null);
  /** The item on screen (0-based). */
  index = $state(0);
  drafts = $state<Draft[]>([]);
  statuses = $state<SaveStatus[]>([]);

  private timers = new Map<number, ReturnType<typeof setTimeout>>();
  private running = new Map<number, Promise<void>>();
  private again = new Set<number>();

  constructor(workspace: string, audit: number, checks: CheckResult[], verdict: Verdict, pause = TYPING_PAUSE) {
    this.workspace = workspace;
    this.audit = audit;
    this.pause = pause;
    this.checks = checks;
    this.verdict = verdict;
    this.drafts = checks.map(draftOf);
    this.statuses = checks.map(() => ({ state: 'idle', message: null }));
  }

  get current(): CheckResult | undefined {
    return this.checks[this.index];
  }

  get draft(): Draft | undefined {
    return this.drafts[this.index];
  }

  get status(): SaveStatus | undefined {
    return this.statuses[this.index];
  }

  /** Items whose last change is not saved (waiting, blocked, failed, or under way). */
  get unsaved(): number[] {
    return this.statuses.flatMap((s, i) => (['pending', 'saving', 'waiting', 'blocked', 'error'].includes(s.state) ? [this.checks[i]!.item] : []));
  }

  go(index: number): void {
    if (index >= 0 && index < this.checks.length) this.index = index;
  }

  next(): void {
    this.go(this.index + 1);
  }

  previous(): void {
    this.go(this.index - 1);
  }

  /** Grades the item on screen; saved at once. */
  setGrade(level: GradeLevel): Promise<void> {
    return this.change((d) => (d.grade = level), false);
  }

  setNote(note: string): Promise<void> {
    return this.change((d) => (d.note = note), true);
  }

  setOwner(owner: string): Promise<void> {
    return this.change((d) => (d.owner = owner), true);
  }

  /** YYYY-MM-DD, or '' for none; saved once typing pauses. */
  setDue(due: string): Promise<void> {
    return this.change((d) => (d.due = due.trim()), true);
  }

  /** Item 10: says whether an escalation rule exists; saved at once. */
  toggleRule(rule: EscalationRule, on: boolean): Promise<void> {
    return this.change((d) => {
      const rest = d.escalation.filter((r) => r !== rule);
      d.escalation = on ? [...rest, rule] : rest;
    }, false);
  }

  /** Saves now whatever waits for typing to pause (on leaving the screen). */
  async flush(): Promise<void> {
    const waiting = [...this.timers.keys()];
    for (const i of waiting) {
      clearTimeout(this.timers.get(i));
      this.timers.delete(i);
    }
    await Promise.all(waiting.map((i) => this.save(i)));
    await Promise.all([...this.running.values()]);
  }

  /** Tries the item's last change again. */
  retry(): Promise<void> {
    return this.save(this.index);
  }

  /**
   * The walkthrough's keys, outside text fields: 1/2/3/0 grade the item on screen,
   * ←/→ move between items. Returns whether the key was used.
   */
  key(event: KeyboardEvent): boolean {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return false;
    const level = GRADE_KEYS[event.key];
    if (level) {
      void this.setGrade(level);
      return true;
    }
    if (event.key === 'ArrowRight') {
      this.next();
      return true;
    }
    if (event.key === 'ArrowLeft') {
      this.previous();
      return true;
    }
    return false;
  }

  private change(edit: (d: Draft) => void, typed: boolean): Promise<void> {
    const i = this.index;
    const d = this.drafts[i];
    if (!d) return Promise.resolve();
    edit(d);
    const pending = this.timers.get(i);
    if (pending !== undefined) clearTimeout(pending);
    this.timers.delete(i);
    if (!typed) return this.save(i);
    if (this.problem(i)) {
      this.setStatus(i, this.problem(i)!);
      return Promise.resolve();
    }
    this.setStatus(i, { state: 'pending', message: null });
    return new Promise((resolve) => {
      this.timers.set(
        i,
        setTimeout(() => {
          this.timers.delete(i);
          void this.save(i).then(resolve);
        }, this.pause),
      );
    });
  }

  /** Why item `i`'s draft cannot be saved yet, if it cannot. */
  private problem(i: number): SaveStatus | null {
    const d = this.drafts[i]!;
    const check = this.checks[i]!;
    if (d.grade === null) {
      return { state: 'waiting', message: 'Choose a grade (1, 2, 3 or 0) and this is saved with it.' };
    }
    if (d.due && !isDate(d.due)) {
      return { state: 'blocked', message: 'Write the due date as YYYY-MM-DD, like 2026-12-31, or leave it empty.' };
    }
    if (check.needs_owner && d.grade === 'in_place' && !d.owner.trim()) {
      return {
        state: 'blocked',
        message: `Item ${check.item} (${check.title}) can be in place only with a named owner: name the owner, and the grade is saved.`,
      };
    }
    return null;
  }

  private setStatus(i: number, status: SaveStatus): void {
    this.statuses[i] = status;
  }

  private gradeOf(i: number): Grade {
    const d = this.drafts[i]!;
    const grade: Grade = { grade: d.grade!, note: d.note, owner: d.owner.trim(), due: d.due || null };
    if (d.escalation.length) grade.escalation = [...d.escalation];
    return grade;
  }

  /** What item `i` shows once a save has ended: what still waits, else saved. */
  private settled(i: number): SaveStatus {
    if (this.timers.has(i)) return { state: 'pending', message: null };
    return this.problem(i) ?? { state: 'saved', message: null };
  }

  /**
   * Saves item `i`'s draft: one call at a time per item; a change made while a call is
   * under way is saved right after it, so the latest change is the one that stays.
   */
  private save(i: number): Promise<void> {
    const problem = this.problem(i);
    if (problem) {
      this.setStatus(i, problem);
      return this.running.get(i) ?? Promise.resolve();
    }
    const running = this.running.get(i);
    if (running) {
      this.again.add(i);
      this.setStatus(i, { state: 'saving', message: null });
      return running;
    }
    const check = this.checks[i]!;
    const task = (async () => {
      let failed: string | null = null;
      do {
        this.again.delete(i);
        failed = null;
        this.setStatus(i, { state: 'saving', message: null });
        try {
          const graded = await gradeItem(this.workspace, this.audit, check.item, this.gradeOf(i));
          this.checks = graded.checks;
          this.verdict = graded.verdict;
        } catch (err) {
          failed = messageOf(err);
        }
      } while (this.again.has(i) && !this.problem(i));
      this.again.delete(i);
      this.setStatus(i, failed !== null ? { state: 'error', message: failed } : this.settled(i));
    })();
    const tracked = task.finally(() => this.running.delete(i));
    this.running.set(i, tracked);
    return tracked;
  }
}
