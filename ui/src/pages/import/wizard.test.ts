import { afterEach, describe, expect, it, vi } from 'vitest';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import type { Mapping } from '../../lib/api';
import { fakeShell, type Call } from './testing';
import { ImportWizard } from './wizard.svelte';

afterEach(() => clearMocks());

const inspections = (calls: Call[]) => calls.filter((c) => c.cmd === 'inspect_files');

describe('the import wizard', () => {
  it('reads added files with the saved mapping first, then with its own', async () => {
    const calls = fakeShell({ file: [{ path: 'contacts.csv', columns: { owner: 'Rep' } }] });
    const w = new ImportWizard('/w/acme.leadaudit');
    await w.start();
    await w.add(['/x/contacts.csv']);
    expect(inspections(calls)[0]!.args).toEqual({ workspace: '/w/acme.leadaudit', paths: ['/x/contacts.csv'], mapping: null });
    expect(w.files).toHaveLength(1);
    expect(w.files[0]!.busy).toBe(false);
    // The saved mapping's correction is what the core read.
    const owner = w.files[0]!.reading!.report!.columns.find((c) => c.field === 'owner');
    expect(owner?.name).toBe('Rep');
    expect(w.saveState).toBe('unsaved');

    await w.add(['/x/bad.csv', '/x/contacts.csv']);
    const second = inspections(calls)[1]!.args;
    expect(second.paths).toEqual(['/x/bad.csv']);
    expect((second.mapping as Mapping).file.map((e) => e.path)).toEqual(['contacts.csv']);
  });

  it('changes one field and shows the core’s new reading of that file only', async () => {
    const calls = fakeShell();
    const w = new ImportWizard('/w/a.leadaudit');
    await w.add(['/x/contacts.csv', '/x/bad.csv']);
    await w.setField('/x/contacts.csv', 'owner', 'Rep');
    const last = inspections(calls).at(-1)!.args;
    expect(last.paths).toEqual(['/x/contacts.csv']);
    expect((last.mapping as Mapping).file[0]!.columns!.owner).toBe('Rep');
    const report = w.files.find((f) => f.name === 'contacts.csv')!.reading!.report!;
    expect(report.columns.find((c) => c.name === 'Rep')!.field).toBe('owner');
    expect(report.columns.find((c) => c.name === 'Contact owner')!.field).toBeNull();
    // The other file kept its reading and its place.
    expect(w.files.map((f) => f.name)).toEqual(['contacts.csv', 'bad.csv']);
  });

  it('keeps every edit made while the core is still reading the last one', async () => {
    let hold: Promise<void> | undefined;
    let release = () => {};
    const calls = fakeShell({ file: [] }, [], () => hold);
    const w = new ImportWizard('/w/a.leadaudit');
    await w.add(['/x/stuff.csv']);
    await w.setKind('/x/stuff.csv', 'leads');
    hold = new Promise<void>((r) => (release = r));
    const first = w.setField('/x/stuff.csv', 'id', 'ref');
    // The core has the first edit and is reading; the second comes meanwhile.
    await vi.waitFor(() => expect(inspections(calls)).toHaveLength(3));
    const second = w.setField('/x/stuff.csv', 'created_at', 'when');
    release();
    await Promise.all([first, second]);
    const sent = (inspections(calls).at(-1)!.args.mapping as Mapping).file[0]!.columns!;
    expect(sent).toMatchObject({ id: 'ref', created_at: 'when' });
    expect(w.mapping.file[0]!.columns).toMatchObject({ id: 'ref', created_at: 'when', email: 'mail' });
  });

  it('reads an unrecognised file as not used, with the core’s best guess, until a kind is chosen', async () => {
    const calls = fakeShell();
    const w = new ImportWizard('/w/a.leadaudit');
    await w.add(['/x/stuff.csv']);
    const report = w.files[0]!.reading!.report!;
    expect(report.kind).toBe('not_used');
    expect(report.best_guess).toBe('leads');
    expect(w.files[0]!.reading!.error).toBeNull();
    expect(w.mapping.file).toEqual([]);
    await w.setKind('/x/stuff.csv', 'leads');
    expect((inspections(calls).at(-1)!.args.mapping as Mapping).file).toEqual([{ path: 'stuff.csv', kind: 'leads' }]);
    expect(w.files[0]!.reading!.report!.kind).toBe('leads');
    expect(w.mapping.file[0]!.columns).toEqual({ email: 'mail', source: 'channel' });
  });

  it('moving a column to another field leaves the old field unmapped', async () => {
    const calls = fakeShell();
    const w = new ImportWizard('/w/a.leadaudit');
    await w.add(['/x/contacts.csv']);
    await w.setField('/x/contacts.csv', 'full_name', 'Contact owner');
    const sent = (inspections(calls).at(-1)!.args.mapping as Mapping).file[0]!.columns!;
    expect(sent.full_name).toBe('Contact owner');
    expect(sent.owner).toBe('');
  });

  it('keeps the error of a broken file, with its line', async () => {
    fakeShell();
    const w = new ImportWizard('/w/a.leadaudit');
    await w.add(['/x/bad.csv']);
    const err = w.files[0]!.reading!.error!;
    expect(err.line).toBe(3);
    expect(err.message).toContain('line 3');
    expect(w.mapping.file).toEqual([]);
  });

  it('offers the date choice and keeps offering it once made', async () => {
    const calls = fakeShell();
    const w = new ImportWizard('/w/a.leadaudit');
    await w.add(['/x/dates.csv']);
    expect(Object.keys(w.files[0]!.ambiguities)).toEqual(['Created']);
    await w.setDateFormat('/x/dates.csv', 'Created', '%d/%m/%Y');
    expect((inspections(calls).at(-1)!.args.mapping as Mapping).file[0]).toEqual({
      path: 'dates.csv',
      date_formats: { Created: '%d/%m/%Y' },
    });
    expect(w.files[0]!.reading!.error).toBeNull();
    expect(Object.keys(w.files[0]!.ambiguities)).toEqual(['Created']);
  });

  it('sets stage outcomes and the kind in the mapping', async () => {
    const calls = fakeShell();
    const w = new ImportWizard('/w/a.leadaudit');
    await w.add(['/x/contacts.csv']);
    await w.setOutcome('/x/contacts.csv', 'Verbal yes', 'won');
    expect((inspections(calls).at(-1)!.args.mapping as Mapping).file[0]!.values).toEqual({ outcome: { 'Verbal yes': 'won' } });
    await w.setKind('/x/contacts.csv', 'deals');
    // A new kind: the core maps the columns anew, so the old columns are not sent.
    expect((inspections(calls).at(-1)!.args.mapping as Mapping).file[0]).toEqual({ path: 'contacts.csv', kind: 'deals' });
  });

  it('saves the mapping to the workspace and knows when it changed since', async () => {
    const calls = fakeShell();
    const w = new ImportWizard('/w/a.leadaudit');
    expect(w.saveState).toBe('empty');
    await w.add(['/x/contacts.csv']);
    await w.save();
    const save = calls.find((c) => c.cmd === 'save_mapping')!;
    expect(save.args).toEqual({ workspace: '/w/a.leadaudit', mapping: w.mapping });
    expect(w.saveState).toBe('saved');
    expect(w.savedToml).toBe('# the mapping as TOML\n');
    await w.setField('/x/contacts.csv', 'owner', 'Rep');
    expect(w.saveState).toBe('unsaved');
  });

  it('removing a file drops its mapping entry', async () => {
    fakeShell();
    const w = new ImportWizard('/w/a.leadaudit');
    await w.add(['/x/contacts.csv', '/x/bad.csv']);
    w.remove('/x/contacts.csv');
    expect(w.files.map((f) => f.name)).toEqual(['bad.csv']);
    expect(w.mapping.file).toEqual([]);
  });

  it('shows the progress the shell reports while a file is read', async () => {
    const p = { path: '/x/contacts.csv', file: 'contacts.csv', bytes_read: 50, bytes_total: 100, rows: 7, read: '50%' };
    let release = () => {};
    const gate = new Promise<void>((r) => (release = r));
    fakeShell({ file: [] }, [p], gate);
    const w = new ImportWizard('/w/a.leadaudit');
    await w.start();
    const done = w.add(['/x/contacts.csv']);
    // The event arrives while the read is under way.
    await vi.waitFor(() => expect(w.progress).toEqual(p));
    expect(w.busy).toBe(true);
    release();
    await done;
    expect(w.progress).toBeNull();
    expect(w.busy).toBe(false);
    w.stop();
  });

  it('says so when the command itself fails', async () => {
    mockIPC((cmd) => {
      if (cmd === 'inspect_files') throw { code: 'workspace_missing', message: '/w/a.leadaudit: there is no workspace file there' };
      return undefined;
    });
    const w = new ImportWizard('/w/a.leadaudit');
    await w.add(['/x/contacts.csv']);
    expect(w.error).toBe('/w/a.leadaudit: there is no workspace file there');
    expect(w.files[0]!.busy).toBe(false);
  });
});
