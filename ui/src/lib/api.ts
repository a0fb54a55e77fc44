// The only place in the UI that talks to the shell: `invoke`, the app's events and the
// native dialogs. Every command is typed here; pages and components call these
// functions and never `invoke` directly.
import { invoke } from '@tauri-apps/api/core';
import { listen, type UnlistenFn } from '@tauri-apps/api/event';
import { getCurrentWebview } from '@tauri-apps/api/webview';
import { open as openDialog, save as saveDialog } from '@tauri-apps/plugin-dialog';

export type { UnlistenFn };

// ---- types (each mirrors a Rust type of src-tauri or of the core) --------------------

/** The bundled sample workspace (Rust: `SampleInfo`). */
export interface SampleInfo {
  name: string;
  company: string;
  description: string;
  /** The sample's folder; only ever read (opening it makes a copy). */
  path: string;
}

/** One entry of the recent workspaces list (Rust: `RecentWorkspace`). */
export interface RecentWorkspace {
  name: string;
  path: string;
  /** Milliseconds since 1970 (UTC). */
  opened_at: number;
  sample: boolean;
  /** Whether the file is still there. */
  exists: boolean;
}

/** An open workspace (Rust: `WorkspaceView`). */
export interface WorkspaceView {
  name: string;
  path: string;
  created_at: string;
  /** A copy of the bundled sample. */
  sample: boolean;
}

export interface PrioritySla {
  priority: string;
  sla: string;
}

/** The workspace settings as text fields (Rust: `SettingsForm`). */
export interface SettingsForm {
  timezone: string;
  sla: string;
  sla_by_priority: PrioritySla[];
  business_hours: string;
  qualified_statuses: string[];
  placeholders: string[];
  inactive_after_days: string;
  as_of: string;
}

/** The core's reading of a settings form: messages by field, or the normalised form. */
export interface SettingsCheck {
  errors: Record<string, string>;
  form: SettingsForm | null;
}

export type Kind = 'leads' | 'deals' | 'activities' | 'owners' | 'accounts';
export type FieldType = 'text' | 'timestamp' | 'date' | 'number' | 'bool' | 'outcome';
export type Source = 'hubspot' | 'salesforce' | 'pipedrive' | 'zoho' | 'generic';
export type Outcome = 'open' | 'won' | 'lost';

/** The canonical fields of one kind of file (Rust: `KindInfo`). */
export interface KindInfo {
  kind: Kind;
  fields: { name: string; type: FieldType }[];
  /** Each inner list is one requirement, met by any of its fields. */
  required: string[][];
}

/** A CSV file of the bundled sample (Rust: `SampleExport`). */
export interface SampleExport {
  /** Path under the sample folder, e.g. "2026Q2/contacts.csv". */
  name: string;
  path: string;
  bytes: number;
}

/** One column of a file as the core reads it (core: `ColumnReport`). */
export interface ColumnReport {
  name: string;
  field: string | null;
  date_format: string | null;
}

/** What the core made of a file (core: `FileReport`). */
export interface FileReport {
  path: string;
  kind: Kind | 'not_used';
  source: Source;
  rows: number;
  encoding: string;
  delimiter: string;
  columns: ColumnReport[];
  /** Per field, how raw values were read (e.g. outcome: "Closed Won" → "won"). */
  values: Record<string, Record<string, string>>;
  warnings: string[];
  reason?: string;
}

/** How one file is read: one `[[file]]` of the mapping file (core: `FileMapping`). */
export interface FileMapping {
  path: string;
  kind?: string;
  source?: Source;
  columns?: Record<string, string>;
  date_formats?: Record<string, string>;
  constants?: Record<string, string>;
  values?: Record<string, Record<string, string>>;
}

/** A whole mapping (core: `Mapping`; the TOML mapping file as JSON). */
export interface Mapping {
  timezone?: string;
  file: FileMapping[];
}

export interface Ambiguity {
  column: string;
  example: string;
  day_first: string;
  month_first: string;
}

/** Why a file could not be read: the core's message and where (Rust: `FileError`). */
export interface FileError {
  code: string;
  message: string;
  line: number | null;
  column: string | null;
  ambiguous: Ambiguity | null;
}

/** What the core made of one file (Rust: `FileReading`). */
export interface FileReading {
  path: string;
  name: string;
  report: FileReport | null;
  headers: string[];
  entry: FileMapping | null;
  error: FileError | null;
}

/** The answer of `inspect_files` (Rust: `Reading`). */
export interface Reading {
  timezone: string;
  files: FileReading[];
  mapping: Mapping;
}

/** The `import-progress` event (Rust: `ImportProgress`). */
export interface ImportProgress {
  path: string;
  file: string;
  bytes_read: number;
  bytes_total: number;
  rows: number;
}

export type DropEvent =
  | { type: 'enter'; paths: string[] }
  | { type: 'over' }
  | { type: 'drop'; paths: string[] }
  | { type: 'leave' };

// ---- errors -----------------------------------------------------------------------

/** An error from a command, as the shell sends it: `{code, message}`. */
export class ApiError extends Error {
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
  }
}

function isCommandError(value: unknown): value is { code: string; message: string } {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { code?: unknown }).code === 'string' &&
    typeof (value as { message?: unknown }).message === 'string'
  );
}

/** Turns whatever a failed `invoke` rejected with into an `ApiError`. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (isCommandError(err)) return new ApiError(err.code, err.message);
  if (err instanceof Error) return new ApiError('internal', err.message);
  return new ApiError('internal', String(err));
}

/** The message of any error, for showing. */
export function messageOf(err: unknown): string {
  return toApiError(err).message;
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (err) {
    throw toApiError(err);
  }
}

// ---- commands -----------------------------------------------------------------------

/** The version of the Lead Audit core library, as the core reports it. */
export function coreVersion(): Promise<string> {
  return call<string>('core_version');
}

/** The bundled sample workspace. */
export function sampleWorkspace(): Promise<SampleInfo> {
  return call<SampleInfo>('sample_workspace');
}

/** The recently opened workspaces, most recent first. */
export function recentWorkspaces(): Promise<RecentWorkspace[]> {
  return call<RecentWorkspace[]>('recent_workspaces');
}

/** Removes a workspace from the recent list (its file is not touched). */
export function forgetWorkspace(path: string): Promise<RecentWorkspace[]> {
  return call<RecentWorkspace[]>('forget_workspace', { path });
}

/** Where a new workspace called `name` goes unless the user chooses another place. */
export function defaultWorkspacePath(name: string): Promise<string> {
  return call<string>('default_workspace_path', { name });
}

/** Creates a workspace file (`.leadaudit` is added to the path when missing). */
export function createWorkspace(name: string, path: string): Promise<WorkspaceView> {
  return call<WorkspaceView>('create_workspace', { name, path });
}

/** Opens a workspace file. */
export function openWorkspace(path: string): Promise<WorkspaceView> {
  return call<WorkspaceView>('open_workspace', { path });
}

/** Makes a new copy of the bundled sample workspace and opens it. */
export function openSampleWorkspace(): Promise<WorkspaceView> {
  return call<WorkspaceView>('open_sample_workspace');
}

/** The workspace's settings, as text fields. */
export function workspaceSettings(workspace: string): Promise<SettingsForm> {
  return call<SettingsForm>('workspace_settings', { workspace });
}

/** Reads a settings form through the core's parsers, without saving it. */
export function checkSettings(form: SettingsForm): Promise<SettingsCheck> {
  return call<SettingsCheck>('check_settings', { form });
}

/** Saves the settings when every field parses; otherwise returns the messages. */
export function saveWorkspaceSettings(workspace: string, form: SettingsForm): Promise<SettingsCheck> {
  return call<SettingsCheck>('save_workspace_settings', { workspace, form });
}

/** The canonical fields of each kind of file. */
export function canonicalFields(): Promise<KindInfo[]> {
  return call<KindInfo[]>('canonical_fields');
}

/** The CSV files of the bundled sample. */
export function sampleExports(): Promise<SampleExport[]> {
  return call<SampleExport[]>('sample_exports');
}

/**
 * What the core makes of `paths` (folders stand for the CSV files in them), read with
 * `mapping`, or with the workspace's saved mapping when it is `null`. Progress arrives
 * as `import-progress` events (see `onImportProgress`).
 */
export function inspectFiles(workspace: string, paths: string[], mapping: Mapping | null): Promise<Reading> {
  return call<Reading>('inspect_files', { workspace, paths, mapping });
}

/** Saves the mapping to the workspace; returns it as the TOML mapping file. */
export function saveMapping(workspace: string, mapping: Mapping): Promise<string> {
  return call<string>('save_mapping', { workspace, mapping });
}

// ---- events -------------------------------------------------------------------------

export const PROGRESS_EVENT = 'import-progress';

/** Calls `handler` with each progress report of a long read. */
export function onImportProgress(handler: (p: ImportProgress) => void): Promise<UnlistenFn> {
  return listen<ImportProgress>(PROGRESS_EVENT, (event) => handler(event.payload));
}

/** Calls `handler` when files are dragged over or dropped on the window. */
export function onFileDrop(handler: (e: DropEvent) => void): Promise<UnlistenFn> {
  return getCurrentWebview().onDragDropEvent((event) => {
    const p = event.payload;
    if (p.type === 'drop') handler({ type: 'drop', paths: p.paths });
    else if (p.type === 'enter') handler({ type: 'enter', paths: p.paths });
    else if (p.type === 'over') handler({ type: 'over' });
    else handler({ type: 'leave' });
  });
}

// ---- native dialogs -----------------------------------------------------------------

const CSV_FILTER = { name: 'CRM exports (CSV)', extensions: ['csv', 'tsv', 'txt'] };
const WORKSPACE_FILTER = { name: 'Lead Audit workspace', extensions: ['leadaudit'] };

async function dialog<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    throw toApiError(err);
  }
}

/** Lets the user pick CSV exports; `[]` when cancelled. */
export async function chooseCsvFiles(): Promise<string[]> {
  const picked = await dialog(() =>
    openDialog({ title: 'Choose CRM exports', multiple: true, filters: [CSV_FILTER] }),
  );
  if (picked === null) return [];
  return Array.isArray(picked) ? picked : [picked];
}

/** Lets the user pick a workspace file; `null` when cancelled. */
export async function chooseWorkspaceFile(): Promise<string | null> {
  const picked = await dialog(() =>
    openDialog({ title: 'Open a workspace', multiple: false, filters: [WORKSPACE_FILTER] }),
  );
  return typeof picked === 'string' ? picked : null;
}

/** Lets the user choose where to save a new workspace; `null` when cancelled. */
export function chooseNewWorkspacePath(defaultPath: string): Promise<string | null> {
  return dialog(() =>
    saveDialog({ title: 'Save the new workspace as', defaultPath, filters: [WORKSPACE_FILTER] }),
  );
}
