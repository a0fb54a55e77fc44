// Running an audit of the imported files: its name and period, its progress, and what
// came of it (the saved audit and the files whose headers changed since the last one).
// It lives as long as the workspace is open, so switching screens keeps a run's outcome.
import { messageOf, onAuditProgress, runAudit, type AuditProgress, type AuditSaved } from '../../lib/api';

export type RunState = 'idle' | 'running' | 'done' | 'failed';

/**
 * A name for an audit of `paths`: the quarter their folders or files are named after
 * ("hubspot-2026Q2/contacts.csv" → "2026 Q2"), else the quarter before `today` (the one a
 * quarterly re-run looks back on).
 */
export function suggestName(paths: string[], today: Date = new Date()): string {
  for (const p of paths) {
    const m = p.match(/(20\d\d)[ _-]?Q([1-4])(?!\d)/i) ?? p.match(/Q([1-4])[ _-]?(20\d\d)(?!\d)/i);
    if (m) return /^q/i.test(m[0]) ? `${m[2]} Q${m[1]}` : `${m[1]} Q${m[2]}`;
  }
  const q = Math.floor(today.getMonth() / 3);
  return q === 0 ? `${today.getFullYear() - 1} Q4` : `${today.getFullYear()} Q${q}`;
}

export class AuditRun {
  readonly workspace: string;
  name = $state('');
  /** Only this quarter ("2026Q2"); empty for the whole export. */
  quarter = $state('');
  state = $state<RunState>('idle');
  progress = $state<AuditProgress | null>(null);
  saved = $state<AuditSaved | null>(null);
  error = $state<string | null>(null);
  /** Whether the person typed the name (it is then no longer suggested). */
  private named = false;

  constructor(workspace: string) {
    this.workspace = workspace;
  }

  /** Suggests a name for these files unless the person chose one. */
  suggest(paths: string[]): void {
    if (!this.named) this.name = suggestName(paths);
  }

  rename(name: string): void {
    this.name = name;
    this.named = true;
  }

  /** Runs and saves the audit of `paths`; returns it, or `null` when it failed. */
  async start(paths: string[]): Promise<AuditSaved | null> {
    this.state = 'running';
    this.progress = null;
    this.saved = null;
    this.error = null;
    let unlisten: (() => void) | null = null;
    try {
      unlisten = await onAuditProgress((p) => (this.progress = p));
      const saved = await runAudit(this.workspace, this.name, paths, this.quarter.trim() || null);
      this.saved = saved;
      this.state = 'done';
      return saved;
    } catch (err) {
      this.error = messageOf(err);
      this.state = 'failed';
      return null;
    } finally {
      unlisten?.();
      this.progress = null;
    }
  }
}
