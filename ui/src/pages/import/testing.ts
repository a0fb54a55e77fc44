// A stand-in for the shell's import commands, for the unit tests (the only mock is
// Tauri's mockIPC).
import { emit } from '@tauri-apps/api/event';
import { mockIPC } from '@tauri-apps/api/mocks';
import type { FileMapping, FileReading, ImportProgress, Mapping, Reading } from '../../lib/api';
import { fileName } from './wizard.svelte';

const HEADERS = ['Record ID', 'Email', 'Create Date', 'Contact owner', 'Rep'];
const DETECTED: Record<string, string> = { id: 'Record ID', email: 'Email', created_at: 'Create Date', owner: 'Contact owner' };

/** A stand-in for the shell: reads "contacts.csv" per the mapping's entry; "bad.csv" fails on line 3. */
export function reading(path: string, mapping: Mapping | null): FileReading {
  const name = fileName(path);
  const given = mapping?.file.find((e) => fileName(e.path) === name);
  if (name === 'bad.csv') {
    return {
      path,
      name,
      report: null,
      headers: [],
      entry: given ?? null,
      error: {
        code: 'line_ragged',
        message: 'bad.csv, line 3: 4 fields where the header has 3; fix that line',
        fixable_by_mapping: false,
        line: 3,
        column: null,
        ambiguous: null,
      },
      sure: null,
    };
  }
  if (name === 'dates.csv' && !given?.date_formats?.['Created']) {
    return {
      path,
      name,
      report: null,
      headers: ['ID', 'Created'],
      entry: given ?? null,
      error: {
        code: 'ambiguous_dates',
        message: 'dates.csv, column 2 ("Created"): the dates are ambiguous',
        fixable_by_mapping: true,
        line: null,
        column: 'Created',
        ambiguous: { column: 'Created', example: '03/04/2026', day_first: '%d/%m/%Y', month_first: '%m/%d/%Y' },
      },
      sure: null,
    };
  }
  if (name === 'stuff.csv') return unrecognised(path, given);
  const columns = { ...DETECTED, ...(given?.columns ?? {}) };
  const entry: FileMapping = {
    path: name,
    kind: given?.kind ?? 'leads',
    columns,
    date_formats: given?.date_formats ?? {},
    ...(given?.constants ? { constants: given.constants } : {}),
  };
  return {
    path,
    name,
    headers: HEADERS,
    entry,
    error: null,
    sure: null,
    report: {
      path: name,
      kind: 'leads',
      source: 'hubspot',
      rows: 2,
      encoding: 'UTF-8',
      delimiter: ',',
      columns: HEADERS.map((h) => ({
        name: h,
        field: Object.entries(columns).find(([, c]) => c === h)?.[0] ?? null,
        date_format: null,
      })),
      values: {},
      warnings: [],
    },
  };
}

const STUFF = ['ref', 'when', 'mail', 'channel'];
const STUFF_GUESS: Record<string, string> = { mail: 'email', channel: 'source' };

/** "stuff.csv": no kind recognised (best guess leads, 24%) until the mapping gives one; as owners it lacks the owner. */
function unrecognised(path: string, given: FileMapping | undefined): FileReading {
  const name = fileName(path);
  const kind = given?.kind;
  const base = { path: name, source: 'generic' as const, rows: 3, encoding: 'UTF-8', delimiter: ',', values: {}, warnings: [] };
  if (kind === 'leads' || (kind === 'owners' && given?.columns?.owner)) {
    const guessed: Record<string, string> = kind === 'leads' ? { email: 'mail', source: 'channel' } : {};
    const columns: Record<string, string> = { ...guessed, ...(given?.columns ?? {}) };
    const fieldOf = (h: string) => Object.entries(columns).find(([, c]) => c === h)?.[0] ?? null;
    const missing = (kind === 'leads' ? ['id', 'created_at'] : []).filter((f) => !columns[f]).map((field) => ({ field, required: true, disables: [] }));
    return {
      path,
      name,
      headers: STUFF,
      entry: { path: name, kind, columns },
      error: null,
      sure: '100%',
      report: {
        ...base,
        kind,
        confidence: 100,
        band: 'high',
        missing,
        columns: STUFF.map((h) => ({ name: h, field: fieldOf(h), date_format: fieldOf(h) === 'created_at' ? '%Y-%m-%d' : null })),
      },
    };
  }
  const owners = kind === 'owners';
  return {
    path,
    name,
    headers: STUFF,
    entry: given ?? null,
    error: owners
      ? { code: 'missing_required', message: 'stuff.csv: no column holds the owner’s name', fixable_by_mapping: true, line: null, column: null, ambiguous: null }
      : null,
    sure: owners ? '40%' : '24%',
    report: {
      ...base,
      kind: 'not_used',
      reason: owners ? 'stuff.csv: no column holds the owner’s name' : 'none of its columns (ref, when, mail, channel) is a lead, deal, activity, owner or account field',
      confidence: owners ? 40 : 24,
      band: 'low',
      best_guess: owners ? 'owners' : 'leads',
      missing: owners
        ? [{ field: 'owner', required: true, disables: ['routing fairness (item 6)'] }]
        : [
            { field: 'id', required: true, disables: ['duplicate records by id'] },
            { field: 'created_at', required: true, disables: ['lead volume by period'] },
          ],
      columns: STUFF.map((h) => {
        const g = owners ? undefined : STUFF_GUESS[h];
        return {
          name: h,
          field: null,
          date_format: null,
          ...(g ? { guessed_field: g, guess: g === 'email' ? 'its name reads as an email address' : 'a known header of leads.source' } : {}),
        };
      }),
    },
  };
}

export interface Call {
  cmd: string;
  args: Record<string, unknown>;
}

/** Mocks the shell; returns the calls made. `saved` is the workspace's saved mapping. */
export function fakeShell(saved: Mapping = { file: [] }, progress: ImportProgress[] = [], gate?: Promise<void> | (() => Promise<void> | undefined)) {
  const calls: Call[] = [];
  mockIPC(
    async (cmd, raw) => {
      const args = (raw ?? {}) as Record<string, unknown>;
      if (!cmd.startsWith('plugin:')) calls.push({ cmd, args: JSON.parse(JSON.stringify(args)) });
      if (cmd === 'canonical_fields') {
        return [
          {
            kind: 'leads',
            fields: [
              { name: 'id', type: 'text' },
              { name: 'email', type: 'text' },
              { name: 'created_at', type: 'timestamp' },
              { name: 'owner', type: 'text' },
              { name: 'full_name', type: 'text' },
            ],
            required: [['id'], ['created_at']],
          },
          { kind: 'deals', fields: [{ name: 'id', type: 'text' }], required: [['id']] },
          {
            kind: 'owners',
            fields: [
              { name: 'owner', type: 'text' },
              { name: 'email', type: 'text' },
            ],
            required: [['owner']],
          },
        ];
      }
      if (cmd === 'inspect_files') {
        for (const p of progress) await emit('import-progress', p);
        await (typeof gate === 'function' ? gate() : gate);
        const mapping = (args.mapping as Mapping | null) ?? saved;
        const files = (args.paths as string[]).map((p) => reading(p, mapping));
        const out: Mapping = JSON.parse(JSON.stringify(mapping));
        for (const f of files) {
          if (f.error || !f.entry) continue;
          const i = out.file.findIndex((e) => fileName(e.path) === f.name);
          if (i >= 0) out.file[i] = f.entry;
          else out.file.push(f.entry);
        }
        return { timezone: 'UTC', files, mapping: out } satisfies Reading;
      }
      if (cmd === 'save_mapping') return '# the mapping as TOML\n';
      if (cmd === 'run_audit') {
        await emit('audit-progress', { stage: 'reading', file: 'contacts.csv', index: 1, files: 1, bytes_read: 5, bytes_total: 10, rows: 1, read: '50%' });
        await gate;
        return {
          id: 2,
          name: args.name,
          period: 'whole export',
          warnings: ['contacts.csv: the headers changed since the last audit (new columns "Rep"); check the mapping before trusting the comparison'],
        };
      }
      if (cmd === 'sample_exports') {
        return [
          { name: '2026Q2/contacts.csv', path: '/s/2026Q2/contacts.csv', bytes: 2048 },
          { name: '2026Q2/deals.csv', path: '/s/2026Q2/deals.csv', bytes: 1024 },
        ];
      }
      return undefined;
    },
    { shouldMockEvents: true },
  );
  return calls;
}

