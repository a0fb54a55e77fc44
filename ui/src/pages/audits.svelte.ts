// The workspace's audits, and which one the dashboard, walkthrough and export show
// (the latest, unless the person picks another). Shared by the workspace's screens.
import { listAudits, messageOf, type AuditSummary } from '../lib/api';

export class Audits {
  readonly workspace: string;
  list = $state<AuditSummary[]>([]);
  loaded = $state(false);
  /** The audit on screen; `null` when there is none yet. */
  current = $state<number | null>(null);
  error = $state<string | null>(null);
  /** Show emails and phone numbers found in the exports (hidden by default). */
  reveal = $state(false);
  /** The walkthrough's item on screen (0-based), kept while the walkthrough is away. */
  item = $state(0);

  constructor(workspace: string) {
    this.workspace = workspace;
  }

  /** Newest first, as the picker lists them. */
  get newestFirst(): AuditSummary[] {
    return [...this.list].reverse();
  }

  get selected(): AuditSummary | undefined {
    return this.list.find((a) => a.id === this.current);
  }

  /** Reads the list again; `select` (e.g. an audit just run) becomes the current one. */
  async refresh(select?: number): Promise<void> {
    try {
      this.list = await listAudits(this.workspace);
      this.error = null;
    } catch (err) {
      this.error = messageOf(err);
    } finally {
      this.loaded = true;
    }
    if (select !== undefined && this.list.some((a) => a.id === select)) {
      if (this.current !== select) this.item = 0;
      this.current = select;
    }
    else if (this.current === null || !this.list.some((a) => a.id === this.current)) {
      this.current = this.list.at(-1)?.id ?? null;
    }
  }
}
