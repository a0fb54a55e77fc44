// The only place in the UI that talks to the shell: `invoke`, the app's events and the
// native dialogs. Every command is typed here; pages and components call these
// functions and never `invoke` directly.
import { invoke } from '@tauri-apps/api/core';
import { listen, type UnlistenFn } from '@tauri-apps/api/event';
import { getCurrentWebview } from '@tauri-apps/api/webview';
import { getCurrentWindow } from '@tauri-apps/api/window';
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
  /** Pinned to the top of the list (a favourite). */
  pinned?: boolean;
  /** The workspace's newest audit; absent when it has none or cannot be read. */
  last_audit?: LastAudit;
}

/** The newest audit of a recent workspace (Rust: `LastAudit`). */
export interface LastAudit {
  name: string;
  /** The verdict in words. */
  verdict: string | null;
  /** YYYY-MM-DD. */
  date: string;
  audits: number;
}

/** An open workspace (Rust: `WorkspaceView`). */
export interface WorkspaceView {
  name: string;
  path: string;
  created_at: string;
  /** A copy of the bundled sample. */
  sample: boolean;
  /** The file cannot be written: it can be viewed; audits and grades are refused. */
  read_only?: boolean;
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
  /** Item 9's re-contact window after an intent signal, e.g. "1h". */
  recontact: string;
  business_hours: string;
  qualified_statuses: string[];
  placeholders: string[];
  inactive_after_days: string;
  as_of: string;
  /** Refuse a file with any ragged record instead of setting such records aside. */
  strict_rows: boolean;
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
  /** Why the field is a guess, when the header is not one of its known names. */
  guess?: string;
  /** In a file not used: the field this column would hold if the file were its best guess. */
  guessed_field?: string;
}

/** How sure the core is of a file's kind, in words (core: `Band`). */
export type Band = 'low' | 'medium' | 'high';

/** A field no column provides (core: `MissingField`). */
export interface MissingField {
  field: string;
  /** Whether the kind needs it to be read at all. */
  required: boolean;
  /** The figures and findings that cannot be computed without it. */
  disables: string[];
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
  /** Why the file is not used. */
  reason?: string;
  /** How sure the kind is, 0 to 100 (for a file not used: how sure `best_guess` is). */
  confidence?: number;
  band?: Band;
  /** For a file not used: the kind it most resembles. */
  best_guess?: Kind;
  /** What the file name, the content and the guessed columns said, in words. */
  notes?: string[];
  /** The fields of the kind (or best guess) that no column provides. */
  missing?: MissingField[];
  /** The mapping file lines that confirm or fix this reading (TOML). */
  fix?: string;
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
  /** A mapping can fix it (the core's `IngestError::fixable_by_mapping`): the file's mapping opens. */
  fixable_by_mapping: boolean;
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
  /** How sure the core is of the kind (or of its best guess), in its words: "85%". */
  sure: string | null;
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
  /** How much of the file is read, in the core's words: "42%". */
  read: string;
}

// ---- audits (each mirrors a type of the core's AuditResult, the one contract) --------

export type GradeLevel = 'in_place' | 'partial' | 'missing' | 'not_assessed';
/** What the data suggests (core: `Suggestion`); `not_applicable`: the inputs are missing. */
export type Suggestion = 'in_place' | 'partial' | 'missing' | 'not_applicable';
export type EscalationRule = 'low_confidence' | 'high_value' | 'out_of_scope' | 'negative_sensitive';
export type VerdictLevel = 'fix_foundations' | 'pilot' | 'ready';
export type Severity = 'critical' | 'warning' | 'info';

/** A person's grade of one item (core: `Grade`). `due` is YYYY-MM-DD. */
export interface Grade {
  grade: GradeLevel;
  note: string;
  owner: string;
  due: string | null;
  escalation?: EscalationRule[];
}

/** One piece of evidence behind a suggestion (core: `Evidence`). */
export interface Evidence {
  kind: 'finding' | 'figure' | string;
  id: string;
  text: string;
  value: number | null;
}

/** One checklist item: the data's suggestion and the person's decision (core: `CheckResult`). */
export interface CheckResult {
  item: number;
  id: string;
  title: string;
  question: string;
  why: string;
  in_place: string;
  suggested: Suggestion | null;
  rationale: string;
  evidence: Evidence[];
  confirm: string | null;
  grade: Grade | null;
  effective: GradeLevel;
  override: boolean;
  needs_owner: boolean;
  /** One of the five foundation items (the core's checklist says which). */
  foundation: boolean;
}

export interface FixItem {
  item: number;
  title: string;
  grade: GradeLevel;
  owner: string | null;
  due: string | null;
  evidence: string;
}

export interface Verdict {
  level: VerdictLevel;
  label: string;
  fix_first: FixItem[];
}

/** One finding (core: `Finding`); examples are record ids. */
export interface Finding {
  id: string;
  item: number;
  severity: Severity;
  count: number;
  of: number;
  title: string;
  detail: string;
  examples: string[];
  fix: string;
  field?: string;
}

export interface AuditInfo {
  id: number | null;
  name: string;
  period: string;
  workspace: string | null;
  created_at: string | null;
}

export interface InputFile {
  path: string;
  kind: string;
  source: string;
  rows: number;
  sha256: string;
  columns: string[];
  warnings: string[];
}

/** An audit, complete (core: `AuditResult`); the baseline is read through the views. */
export interface AuditResult {
  version: number;
  audit: AuditInfo;
  inputs: { files: InputFile[]; mapping: string; timezone: string };
  settings: Record<string, unknown>;
  /** `notes`: what the figures stand on when a file lacks a column (records known by
   * their line, a deal dated by its lead, one period for want of dates). */
  baseline: { label: string; timezone: string; business_hours: string; notes?: string[] } & Record<string, unknown>;
  findings: Finding[];
  checks: CheckResult[];
  verdict: Verdict;
}

/** The headline figures kept with each audit (core: `Headline`). */
export interface Headline {
  leads: number | null;
  deals: number | null;
  speed_median_minutes: number | null;
  within_5m: number | null;
  within_1h: number | null;
  never_contacted: number | null;
  qualification_rate: number | null;
  lead_to_opportunity: number | null;
  win_rate: number | null;
  cycle_time_days: number | null;
  verdict: string | null;
}

/** One audit of the workspace (core: `AuditSummary`). */
export interface AuditSummary {
  id: number;
  name: string;
  period: string | null;
  created_at: string;
  headline: Headline;
}

/** An audit just run and saved (Rust: `AuditSaved`). */
export interface AuditSaved {
  id: number;
  name: string;
  period: string;
  /** Files whose headers changed since the previous audit. */
  warnings: string[];
}

/** The `audit-progress` event (Rust: `AuditProgress`). */
export interface AuditProgress {
  stage: 'reading' | 'computing';
  file: string;
  index: number;
  files: number;
  bytes_read: number;
  bytes_total: number;
  rows: number;
  /** How much of the file is read, in the core's words: "42%". */
  read: string;
  /** While `computing`: what is being computed ("computing the findings"). */
  step: string | null;
}

/** The checks and the verdict after a grade was saved (Rust: `Graded`). */
export interface Graded {
  checks: CheckResult[];
  verdict: Verdict;
}

/** A row of the thresholds table (core: `Threshold`), with its rule in words. */
export interface Threshold {
  item: number;
  figure: string;
  label: string;
  better: 'higher' | 'lower';
  in_place: number;
  partial: number;
  /** E.g. "in place at 2% or less; partial at 20% or less; missing above". */
  rule: string;
}

export interface Labelled<T extends string = string> {
  id: T;
  label: string;
}

/** What a figure or term means (core: `compare::Definition`). */
export interface Definition {
  id: string;
  term: string;
  text: string;
}

/** What the walkthrough and dashboard show beside the data (Rust: `ChecklistReference`). */
export interface ChecklistReference {
  thresholds: Threshold[];
  escalation_rules: Labelled<EscalationRule>[];
  /** In the order of the keys 1, 2, 3, 0. */
  grades: Labelled<GradeLevel>[];
  definitions: Definition[];
}

// ---- charts (core: `charts::ChartSpec`, drawn the same on paper and on screen) -------

export type ChartKind = 'bar' | 'stacked_bar' | 'grouped_bar' | 'line' | 'heatmap';
export type ChartUnit = 'percent' | 'minutes' | 'hours' | 'days' | 'count' | 'ratio' | 'currency';
export type SeriesRole = 'primary' | 'secondary' | 'comparison' | 'highlight';

export interface ChartSeries {
  name: string;
  /** One per category; `null` is "no value", never 0. */
  values: (number | null)[];
  role?: SeriesRole;
}

/** One tick of a value axis: where it sits and how it reads (core: `charts::Tick`). */
export interface ChartTick {
  value: number;
  label: string;
}

/**
 * Every number a chart shows, in words: formatted by the core (`leadaudit::format`, the
 * rule of the PDF), so the screen holds no formatting rule (core: `charts::ChartLabels`).
 */
export interface ChartLabels {
  /** The value axis, low to high (none for a heatmap). */
  ticks: ChartTick[];
  /** Per series, one label per category; `–` for no value. */
  values: string[][];
  /** A stacked bar's total per category; empty for the other kinds. */
  totals: string[];
  /** The reference line's value. */
  reference: string | null;
  /** The highest value: the dark end of a heatmap's legend. */
  max: string;
}

export interface ChartSpec {
  id: string;
  title: string;
  kind: ChartKind;
  orientation?: 'vertical' | 'horizontal';
  x_label?: string;
  y_label?: string;
  unit: ChartUnit;
  currency?: string;
  categories: string[];
  series: ChartSeries[];
  reference?: { label: string; value: number };
  note?: string;
  labels: ChartLabels;
}

/** A chart left out because its data is not there (core: `OmittedChart`). */
export interface OmittedChart {
  id: string;
  title: string;
  reason: string;
}

// ---- views of audits (Rust: views.rs; every number formatted by the core) --------------

export type Movement = 'better' | 'worse' | 'same' | 'unjudged';

/** Which audit. */
export interface AuditRef {
  id: number;
  name: string;
  period: string;
}

/** One headline figure: its value in words ("42%", "Not reached", "Not available"). */
export interface HeadlineTile {
  id: string;
  label: string;
  value: string;
  /** Context: the count behind a share, or why the figure is not available. */
  detail: string;
  /** No number: not reached, or not available. */
  missing: boolean;
  definition: string;
  /** The movement since the previous audit: which way it went, and whether that is better. */
  delta: { text: string; arrow: 'up' | 'down' | 'flat'; movement: Movement } | null;
}

/** The findings of one checklist item, most severe first. */
export interface FindingGroup {
  item: number;
  title: string;
  findings: Finding[];
}

/** One figure of score readiness in words (core: `readiness::view::ReadinessTile`). */
export interface ReadinessTile {
  id: string;
  label: string;
  value: string;
  detail: string;
}

/**
 * Score readiness as the core words it (core: `readiness::view::ReadinessView`): would a
 * lead score trained on this history work? Every number is already text.
 */
export interface ReadinessView {
  verdict: 'ready' | 'thin' | 'no_signal' | 'poisoned' | 'weak' | 'unmeasured';
  verdict_label: string;
  reason: string;
  tiles: ReadinessTile[];
  validation: string;
  leaks: string[];
  drift: string[];
  label_quality: string | null;
  effects: string[];
  process: string[];
  /** The ROC curve and the calibration chart, drawn like the PDF's. */
  charts: ChartSpec[];
  omitted: OmittedChart[];
  notes: string[];
}

/** The dashboard of one audit (Rust: `AuditView`). */
export interface AuditView {
  result: AuditResult;
  /** The audit it is compared with. */
  previous: AuditRef | null;
  headline: HeadlineTile[];
  charts: ChartSpec[];
  omitted: OmittedChart[];
  findings: FindingGroup[];
  /** Emails and phone numbers in the findings are masked. */
  redacted: boolean;
  /** Score readiness; absent from audits stored before it existed. */
  readiness?: ReadinessView | null;
}

/** One audit in the history, with its headline figures in words. */
export interface HistoryRow {
  id: number;
  name: string;
  period: string;
  created_at: string;
  verdict: string;
  figures: { id: string; label: string; value: string }[];
}

/** One audit's point of a headline figure's trend (Rust: `TrendPointView`). */
export interface TrendPoint {
  audit_id: number | null;
  audit: string;
  /** The value in words: "42%", "Not reached", "Not available". */
  text: string;
  /** Why the audit has no value (a gap, never 0); `null` when it has one. */
  gap: 'not_reached' | 'not_available' | null;
  /** The reason as stored with the audit: "no activities file". */
  reason: string | null;
}

/** One headline figure across every audit, oldest first (Rust: `TrendView`). */
export interface TrendView {
  id: string;
  label: string;
  points: TrendPoint[];
  /** The newest audit's value in words. */
  latest: string;
  /** "SLA target: 1 h" where a target applies. */
  target: string | null;
  /** How many audits could not give the figure. */
  gaps: number;
  /** Those audits with why: "2026 Q4: not available (no activities file)". */
  missing: string[];
  /** The line chart, one category per audit, `null` for a gap. */
  chart: ChartSpec;
}

/** One row of a comparison. */
export interface ComparedFigure {
  id: string;
  label: string;
  before: string;
  after: string;
  /** "+4 pts", "−2.1 h"; `null` when there is no number on one side. */
  change: string | null;
  movement: Movement;
  /** Why the change is not judged: "not available in 2026 Q2: no activities file". */
  note: string | null;
}

/** How many figures moved which way, as the core judged them. */
export interface MovementCounts {
  better: number;
  worse: number;
  same: number;
  /** Figures one audit could not measure: neither better nor worse. */
  unjudged: number;
}

export interface GradeMove {
  item: number;
  title: string;
  before: string;
  after: string;
  movement: Movement;
}

/** Two audits side by side (Rust: `ComparisonView`). */
export interface ComparisonView {
  before: AuditRef;
  after: AuditRef;
  figures: ComparedFigure[];
  summary: MovementCounts;
  findings: ComparedFigure[];
  grades: GradeMove[];
}

export type Paper = 'a4' | 'letter';

// ---- workshop mode (Rust: workshop.rs; always redacted) -------------------------------

/** A finding as the room sees it: its sentence, count in words, example ids. */
export interface WorkshopFinding {
  id: string;
  severity: Severity;
  title: string;
  /** "12 of 340 (3.5%)". */
  count: string;
  /** Record ids only. */
  examples: string[];
  fix: string;
}

/** What one item's screen shows besides its check (Rust: `WorkshopItem`). */
export interface WorkshopItem {
  item: number;
  /** The chart that answers the question best, when it can be drawn. */
  chart: ChartSpec | null;
  /** That chart, left out because its data is not there, and why. */
  omitted: OmittedChart | null;
  /** The headline figure shown large. */
  figure: HeadlineTile | null;
  findings: WorkshopFinding[];
  definitions: Definition[];
}

/** An audit in workshop mode (Rust: `WorkshopView`). */
export interface WorkshopView {
  audit: AuditRef;
  previous: AuditRef | null;
  checks: CheckResult[];
  verdict: Verdict;
  items: WorkshopItem[];
}

/** What the client pack wrote (Rust: `ClientPackWritten`). */
export interface ClientPackWritten {
  folder: string;
  pdf: string;
  workspace: string;
  /** The folder was shown in the file manager. */
  opened: boolean;
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

/**
 * Puts the app's window into the operating system's full screen, or back. Workshop mode
 * asks for it; where the window manager refuses (or there is none), the mode still fills
 * the window, so a failure here is not an error for the user.
 */
export async function setFullscreen(on: boolean): Promise<boolean> {
  try {
    await getCurrentWindow().setFullscreen(on);
    return true;
  } catch {
    return false;
  }
}

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

/** Pins a workspace to the top of the recent list, or unpins it; returns the list. */
export function pinWorkspace(path: string, pinned: boolean): Promise<RecentWorkspace[]> {
  return call<RecentWorkspace[]>('pin_workspace', { path, pinned });
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

// ---- audits ---------------------------------------------------------------------------

/**
 * Runs the audit of `paths` with the workspace's settings and saved mapping (over the
 * whole export, or one quarter like "2026Q2"), and saves it. Progress arrives as
 * `audit-progress` events (see `onAuditProgress`).
 */
export function runAudit(workspace: string, name: string, paths: string[], quarter: string | null): Promise<AuditSaved> {
  return call<AuditSaved>('run_audit', { workspace, name, paths, quarter });
}

/** The workspace's audits, oldest first. */
export function listAudits(workspace: string): Promise<AuditSummary[]> {
  return call<AuditSummary[]>('list_audits', { workspace });
}

/** Saves one item's grade; returns every check and the verdict as they now stand. */
export function gradeItem(workspace: string, audit: number, item: number, grade: Grade): Promise<Graded> {
  return call<Graded>('grade_item', { workspace, audit, item, grade });
}

/** The thresholds, escalation rules, grade words and definitions. */
export function checklistReference(): Promise<ChecklistReference> {
  return call<ChecklistReference>('checklist_reference');
}

/** One audit as the dashboard and walkthrough show it; personal data masked unless `reveal`. */
export function auditView(workspace: string, audit: number, reveal: boolean): Promise<AuditView> {
  return call<AuditView>('audit_view', { workspace, audit, reveal });
}

/** One audit as workshop mode shows it: emails and phone numbers always masked. */
export function workshopView(workspace: string, audit: number): Promise<WorkshopView> {
  return call<WorkshopView>('workshop_view', { workspace, audit });
}

/** Every audit of the workspace with its headline figures, oldest first. */
export function auditHistory(workspace: string): Promise<HistoryRow[]> {
  return call<HistoryRow[]>('audit_history', { workspace });
}

/** Each headline figure across every audit of the workspace, oldest first. */
export function auditTrends(workspace: string): Promise<TrendView[]> {
  return call<TrendView[]>('audit_trends', { workspace });
}

/** Two audits compared: every figure better or worse, finding counts, grades that moved. */
export function compareAudits(workspace: string, before: number, after: number): Promise<ComparisonView> {
  return call<ComparisonView>('compare_audits', { workspace, before, after });
}

// ---- export ---------------------------------------------------------------------------

/**
 * Writes the PDF scorecard of an audit (compared with `compare`, else the audit before
 * it); returns the path written.
 */
export function exportPdf(
  workspace: string,
  audit: number,
  path: string,
  paper: Paper,
  redact: boolean,
  compare: number | null,
): Promise<string> {
  return call<string>('export_pdf', { workspace, audit, path, paper, redact, compare });
}

/** Saves a copy of the workspace file (the hand-over file); returns its path. */
export function exportWorkspace(workspace: string, path: string): Promise<string> {
  return call<string>('export_workspace', { workspace, path });
}

/**
 * The client pack: the PDF scorecard (redacted) and a copy of the workspace in a folder
 * `<client> <date>` under `folder` (the documents folder when empty), which is opened.
 */
export function exportClientPack(workspace: string, audit: number | null, folder: string, paper: Paper): Promise<ClientPackWritten> {
  return call<ClientPackWritten>('export_client_pack', { workspace, audit, folder, paper });
}

/** Saves a chart's PNG (bytes) at `path`; returns where it was written. */
export function saveChartPng(path: string, png: Uint8Array): Promise<string> {
  return call<string>('save_chart_png', { path, png: Array.from(png) });
}

/** Where an export goes unless the user chooses another place. */
export function defaultExportPath(name: string, extension: 'pdf' | 'leadaudit'): Promise<string> {
  return call<string>('default_export_path', { name, extension });
}

// ---- events -------------------------------------------------------------------------

export const PROGRESS_EVENT = 'import-progress';

/** Calls `handler` with each progress report of a long read. */
export function onImportProgress(handler: (p: ImportProgress) => void): Promise<UnlistenFn> {
  return listen<ImportProgress>(PROGRESS_EVENT, (event) => handler(event.payload));
}

export const AUDIT_PROGRESS_EVENT = 'audit-progress';

/** Calls `handler` with each progress report of a running audit. */
export function onAuditProgress(handler: (p: AuditProgress) => void): Promise<UnlistenFn> {
  return listen<AuditProgress>(AUDIT_PROGRESS_EVENT, (event) => handler(event.payload));
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

const CSV_FILTER = {
  name: 'CRM exports (CSV, Excel, OpenDocument)',
  extensions: ['csv', 'tsv', 'txt', 'xlsx', 'xlsm', 'xlsb', 'xls', 'ods'],
};
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

const PDF_FILTER = { name: 'PDF document', extensions: ['pdf'] };

/** Lets the user choose where to save an export; `null` when cancelled. */
export function chooseExportPath(kind: 'pdf' | 'leadaudit', defaultPath: string): Promise<string | null> {
  return dialog(() =>
    saveDialog({
      title: kind === 'pdf' ? 'Save the scorecard as' : 'Save a copy of the workspace as',
      defaultPath,
      filters: [kind === 'pdf' ? PDF_FILTER : WORKSPACE_FILTER],
    }),
  );
}

const PNG_FILTER = { name: 'PNG image', extensions: ['png'] };

/** Lets the user choose where to save a chart's PNG; `null` when cancelled. */
export function choosePngPath(defaultPath: string): Promise<string | null> {
  return dialog(() => saveDialog({ title: 'Save the chart as', defaultPath, filters: [PNG_FILTER] }));
}

/** Lets the user pick a folder; `null` when cancelled. */
export async function chooseFolder(title: string): Promise<string | null> {
  const picked = await dialog(() => openDialog({ title, directory: true, multiple: false }));
  return typeof picked === 'string' ? picked : null;
}
