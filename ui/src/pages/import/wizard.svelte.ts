// The import wizard's state: the files, what the core made of each, and the mapping the
// user edits. It computes nothing about the data: every change edits the mapping and
// asks the core to read the file again, so what is shown is always the core's reading.
import {
  canonicalFields,
  inspectFiles,
  messageOf,
  onImportProgress,
  saveMapping,
  type Ambiguity,
  type FileMapping,
  type FileReading,
  type ImportProgress,
  type Kind,
  type KindInfo,
  type Mapping,
  type Outcome,
  type UnlistenFn,
} from '../../lib/api';

/** One file of the import. */
export interface WizardFile {
  /** The path as added (a folder is replaced by its files once read). */
  path: string;
  name: string;
  /** The core's latest reading; `null` before the first one. */
  reading: FileReading | null;
  /** A read of this file is under way. */
  busy: boolean;
  /** The ambiguous date columns met so far, so the choice stays on screen once made. */
  ambiguities: Record<string, Ambiguity>;
}

export type SaveState = 'empty' | 'unsaved' | 'saving' | 'saved';

/** The file name of a path (what the core matches mapping entries on). */
export function fileName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] || path;
}

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

export class ImportWizard {
  readonly workspace: string;
  files = $state<WizardFile[]>([]);
  mapping = $state<Mapping>({ file: [] });
  kinds = $state<KindInfo[]>([]);
  /** The file being read right now, and how far. */
  progress = $state<ImportProgress | null>(null);
  /** A failure of the command itself (not of a file). */
  error = $state<string | null>(null);
  saveState = $state<SaveState>('empty');
  savedAt = $state<Date | null>(null);
  /** The saved mapping as the CLI reads it (TOML). */
  savedToml = $state<string | null>(null);

  /** Reads run one after the other, so each starts from the mapping the last one left. */
  private queue: Promise<void> = Promise.resolve();
  /** Whether the workspace's saved mapping has been taken in yet. */
  private loaded = false;
  private savedJson: string | null = null;
  private unlisten: UnlistenFn | null = null;

  constructor(workspace: string) {
    this.workspace = workspace;
  }

  /** Loads the canonical fields and starts listening to progress. */
  async start(): Promise<void> {
    try {
      this.unlisten = await onImportProgress((p) => {
        this.progress = p;
      });
      this.kinds = await canonicalFields();
    } catch (err) {
      this.error = messageOf(err);
    }
  }

  stop(): void {
    this.unlisten?.();
    this.unlisten = null;
  }

  get busy(): boolean {
    return this.files.some((f) => f.busy);
  }

  kindInfo(kind: string | undefined | null): KindInfo | undefined {
    return this.kinds.find((k) => k.kind === kind);
  }

  /** The mapping entry for a file (matched by file name, as the core does). */
  entryFor(path: string): FileMapping | undefined {
    const name = fileName(path);
    return this.mapping.file.find((e) => fileName(e.path) === name);
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    this.queue = this.queue.then(task, task);
    return this.queue;
  }

  private markDirty(): void {
    const now = JSON.stringify(this.mapping);
    if (this.mapping.file.length === 0 && this.savedJson === null) this.saveState = 'empty';
    else this.saveState = now === this.savedJson ? 'saved' : 'unsaved';
  }

  /** Adds files (or folders) and reads them. */
  add(paths: string[]): Promise<void> {
    const fresh = paths.map((p) => p.trim()).filter((p) => p && !this.files.some((f) => f.path === p));
    if (fresh.length === 0) return this.queue;
    for (const path of fresh) {
      this.files.push({ path, name: fileName(path), reading: null, busy: true, ambiguities: {} });
    }
    return this.enqueue(() => this.read(fresh));
  }

  /** Reads `paths` again with the current mapping. */
  private async read(paths: string[]): Promise<void> {
    this.error = null;
    for (const f of this.files) if (paths.includes(f.path)) f.busy = true;
    try {
      const sent = JSON.stringify(this.mapping);
      const reading = await inspectFiles(this.workspace, paths, this.loaded ? clone(this.mapping) : null);
      this.loaded = true;
      // An edit made while the core read keeps its place: its own read is queued and
      // will bring the core's mapping with it.
      if (JSON.stringify(this.mapping) === sent) this.mapping = reading.mapping;
      this.place(paths, reading.files);
    } catch (err) {
      this.error = messageOf(err);
      for (const f of this.files) if (paths.includes(f.path)) f.busy = false;
    } finally {
      this.progress = null;
      this.markDirty();
    }
  }

  /** Puts the readings where the paths they came from were (a folder becomes its files). */
  private place(paths: string[], readings: FileReading[]): void {
    const byPath = new Map(readings.map((r) => [r.path, r]));
    const next: WizardFile[] = [];
    const placed = new Set<string>();
    for (const f of this.files) {
      if (!paths.includes(f.path)) {
        if (!byPath.has(f.path)) next.push(f);
        continue;
      }
      const own = byPath.get(f.path);
      // A folder (or a path the shell spelled differently): its readings come in its place.
      const group = own ? [own] : readings.filter((r) => !paths.includes(r.path) && !placed.has(r.path));
      for (const r of group) {
        if (placed.has(r.path)) continue;
        placed.add(r.path);
        const before = this.files.find((x) => x.path === r.path) ?? f;
        const ambiguities = { ...before.ambiguities };
        if (r.error?.ambiguous) ambiguities[r.error.ambiguous.column] = r.error.ambiguous;
        next.push({ path: r.path, name: r.name, reading: r, busy: false, ambiguities });
      }
    }
    this.files = next;
  }

  /** Reads a file again (after the user corrected it outside the app). */
  retry(path: string): Promise<void> {
    return this.enqueue(() => this.read([path]));
  }

  /** Changes a file's entry of the mapping, then has the core read the file again. */
  private edit(path: string, change: (entry: FileMapping) => FileMapping): Promise<void> {
    const name = fileName(path);
    const i = this.mapping.file.findIndex((e) => fileName(e.path) === name);
    const current: FileMapping = i >= 0 ? clone(this.mapping.file[i]!) : { path: name };
    const updated = change(current);
    if (i >= 0) this.mapping.file[i] = updated;
    else this.mapping.file.push(updated);
    this.markDirty();
    return this.enqueue(() => this.read([path]));
  }

  /** Maps `field` to the column `header` (`''`: leave the field unmapped). */
  setField(path: string, field: string, header: string): Promise<void> {
    return this.edit(path, (e) => {
      const columns = { ...(e.columns ?? {}) };
      // A column holds one field: the field it held before is left unmapped.
      if (header) {
        for (const [f, h] of Object.entries(columns)) if (h === header && f !== field) columns[f] = '';
      }
      columns[field] = header;
      return { ...e, columns };
    });
  }

  /** Says what the file holds (`'not_used'` skips it); the core maps its columns anew. */
  setKind(path: string, kind: Kind | 'not_used'): Promise<void> {
    return this.edit(path, (e) => ({ path: e.path, kind, ...(e.source ? { source: e.source } : {}) }));
  }

  /** Sets the value every row of `field` holds (`''`: takes it away); the core reads it
   *  with the field's type and says when it cannot. */
  setConstant(path: string, field: string, value: string): Promise<void> {
    return this.edit(path, (e) => {
      const constants = { ...(e.constants ?? {}) };
      if (value === '') delete constants[field];
      else constants[field] = value;
      return { ...e, constants };
    });
  }

  /** Sets how a date column is read (e.g. day first). */
  setDateFormat(path: string, column: string, format: string): Promise<void> {
    return this.edit(path, (e) => ({ ...e, date_formats: { ...(e.date_formats ?? {}), [column]: format } }));
  }

  /** Sets which outcome a deal stage label means. */
  setOutcome(path: string, label: string, outcome: Outcome): Promise<void> {
    return this.edit(path, (e) => {
      const values = { ...(e.values ?? {}) };
      values.outcome = { ...(values.outcome ?? {}), [label]: outcome };
      return { ...e, values };
    });
  }

  /** Takes a file out of the import, with its mapping entry. */
  remove(path: string): void {
    this.files = this.files.filter((f) => f.path !== path);
    const name = fileName(path);
    if (!this.files.some((f) => f.name === name)) {
      this.mapping.file = this.mapping.file.filter((e) => fileName(e.path) !== name);
    }
    this.markDirty();
  }

  /** Saves the mapping to the workspace (after the reads under way). */
  save(): Promise<void> {
    return this.enqueue(async () => {
      this.saveState = 'saving';
      this.error = null;
      try {
        const snapshot = clone(this.mapping);
        this.savedToml = await saveMapping(this.workspace, snapshot);
        this.savedJson = JSON.stringify(snapshot);
        this.savedAt = new Date();
      } catch (err) {
        this.error = messageOf(err);
      } finally {
        this.markDirty();
      }
    });
  }
}
