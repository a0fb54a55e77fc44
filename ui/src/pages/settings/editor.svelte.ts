// The settings screen's state. Every field is read by the core's own parsers (through
// `check_settings` and `save_workspace_settings`); this only keeps the text the user
// types and the core's messages.
import {
  checkSettings,
  messageOf,
  saveWorkspaceSettings,
  workspaceSettings,
  type SettingsForm,
} from '../../lib/api';

export type EditorState = 'loading' | 'ready' | 'saving' | 'failed';

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

export class SettingsEditor {
  readonly workspace: string;
  form = $state<SettingsForm | null>(null);
  /** The core's message per field (`sla_by_priority.N` for a row). */
  errors = $state<Record<string, string>>({});
  state = $state<EditorState>('loading');
  /** A failure to load or save (not a field's message). */
  failure = $state<string | null>(null);
  savedAt = $state<Date | null>(null);
  private saved = $state<string>('');
  /** Checks run one at a time; only the latest one's answer is kept. */
  private checkSeq = 0;

  constructor(workspace: string) {
    this.workspace = workspace;
  }

  get dirty(): boolean {
    return this.form !== null && JSON.stringify(this.form) !== this.saved;
  }

  async load(): Promise<void> {
    this.state = 'loading';
    this.failure = null;
    try {
      const form = await workspaceSettings(this.workspace);
      this.form = form;
      this.saved = JSON.stringify(form);
      this.errors = {};
      this.state = 'ready';
    } catch (err) {
      this.failure = messageOf(err);
      this.state = 'failed';
    }
  }

  /** Asks the core whether the form reads; keeps its messages (nothing is saved). */
  async check(): Promise<void> {
    if (!this.form) return;
    const seq = ++this.checkSeq;
    try {
      const check = await checkSettings(clone(this.form));
      if (seq === this.checkSeq) this.errors = check.errors;
    } catch (err) {
      if (seq === this.checkSeq) this.failure = messageOf(err);
    }
  }

  /** Saves when every field reads; the form then shows the core's own spelling. */
  async save(): Promise<boolean> {
    if (!this.form) return false;
    this.state = 'saving';
    this.failure = null;
    this.checkSeq++;
    try {
      const check = await saveWorkspaceSettings(this.workspace, clone(this.form));
      this.errors = check.errors;
      if (check.form) {
        this.form = check.form;
        this.saved = JSON.stringify(check.form);
        this.savedAt = new Date();
        return true;
      }
      return false;
    } catch (err) {
      this.failure = messageOf(err);
      return false;
    } finally {
      this.state = 'ready';
    }
  }

  /** Back to the saved settings. */
  discard(): void {
    if (!this.saved) return;
    this.form = JSON.parse(this.saved) as SettingsForm;
    this.errors = {};
  }

  addPriority(): void {
    this.form?.sla_by_priority.push({ priority: '', sla: '' });
  }

  removePriority(index: number): void {
    if (!this.form) return;
    this.form.sla_by_priority.splice(index, 1);
    // Messages are keyed by row number: check again so they follow the rows.
    void this.check();
  }
}
