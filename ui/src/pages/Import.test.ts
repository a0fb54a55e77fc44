import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/svelte';
import { emit } from '@tauri-apps/api/event';
import { clearMocks, mockWindows } from '@tauri-apps/api/mocks';
import type { Mapping } from '../lib/api';
import Import from './Import.svelte';
import { AuditRun } from './import/run.svelte';
import { fakeShell, type Call } from './import/testing';
import { ImportWizard } from './import/wizard.svelte';

afterEach(() => {
  cleanup();
  clearMocks();
});

const lastInspection = (calls: Call[]) => calls.filter((c) => c.cmd === 'inspect_files').at(-1)!.args;

async function setup(sample = false) {
  mockWindows('main');
  const calls = fakeShell();
  const wizard = new ImportWizard('/w/a.leadaudit');
  const run = new AuditRun('/w/a.leadaudit');
  const onsaved = vi.fn();
  const onopen = vi.fn();
  await wizard.start();
  render(Import, { wizard, sample, run, onsaved, onopen });
  return { calls, wizard, run, onsaved, onopen };
}

function card(name: string): HTMLElement {
  return screen.getAllByTestId('file-card').find((c) => c.dataset.file === name)!;
}

describe('the import screen', () => {
  it('reads a typed path and shows the kind, the rows and the fields found, no records', async () => {
    const { calls } = await setup();
    await fireEvent.input(screen.getByTestId('path-input'), { target: { value: '/x/contacts.csv' } });
    await fireEvent.click(screen.getByTestId('add-path'));
    await vi.waitFor(() => expect(screen.getByTestId('file-rows').textContent).toBe('2'));
    expect(lastInspection(calls).paths).toEqual(['/x/contacts.csv']);
    const c = card('contacts.csv');
    expect((within(c).getByTestId('file-kind') as HTMLSelectElement).value).toBe('leads');
    expect(within(c).getByText('HubSpot')).toBeTruthy();
    expect(within(c).getByTestId('file-mapped').textContent).toBe('4 of 5 fields found');
    // Headers and counts only: no e-mail address of the fake file is on screen.
    expect(document.body.textContent).not.toContain('@');
  });

  it('changes a field with its dropdown and shows the core’s new reading', async () => {
    const { calls } = await setup();
    await fireEvent.input(screen.getByTestId('path-input'), { target: { value: '/x/contacts.csv' } });
    await fireEvent.click(screen.getByTestId('add-path'));
    await vi.waitFor(() => expect(screen.getByTestId('toggle-mapping')).toBeTruthy());
    await fireEvent.click(screen.getByTestId('toggle-mapping'));
    const owner = screen.getByTestId('field-owner') as HTMLSelectElement;
    expect(owner.value).toBe('Contact owner');
    expect([...owner.options].map((o) => o.value)).toEqual(['', 'Record ID', 'Email', 'Create Date', 'Contact owner', 'Rep']);
    await fireEvent.change(owner, { target: { value: 'Rep' } });
    await vi.waitFor(() => expect((lastInspection(calls).mapping as Mapping).file[0]!.columns!.owner).toBe('Rep'));
    await vi.waitFor(() => expect((screen.getByTestId('field-owner') as HTMLSelectElement).value).toBe('Rep'));
    expect(screen.getByTestId('save-status').textContent).toContain('not saved yet');
    await fireEvent.click(screen.getByTestId('save-mapping'));
    await vi.waitFor(() => expect(screen.getByTestId('save-status').textContent).toContain('saved to the workspace'));
  });

  it('shows a broken file’s line and the core’s message', async () => {
    await setup();
    await fireEvent.input(screen.getByTestId('path-input'), { target: { value: '/x/bad.csv' } });
    await fireEvent.click(screen.getByTestId('add-path'));
    const error = await screen.findByTestId('file-error');
    expect(error.textContent).toContain('Line 3');
    expect(error.textContent).toContain('bad.csv, line 3: 4 fields where the header has 3; fix that line');
  });

  it('asks day or month first for ambiguous dates', async () => {
    const { calls } = await setup();
    await fireEvent.input(screen.getByTestId('path-input'), { target: { value: '/x/dates.csv' } });
    await fireEvent.click(screen.getByTestId('add-path'));
    const choice = await screen.findByTestId('date-choice');
    expect(choice.textContent).toContain('03/04/2026');
    expect(choice.textContent).toContain('DD/MM/YYYY');
    await fireEvent.click(screen.getByTestId('date-day-first'));
    await vi.waitFor(() =>
      expect((lastInspection(calls).mapping as Mapping).file[0]!.date_formats).toEqual({ Created: '%d/%m/%Y' }),
    );
    await vi.waitFor(() => expect(screen.queryByTestId('file-error')).toBeNull());
    expect((screen.getByTestId('date-day-first') as HTMLInputElement).checked).toBe(true);
  });

  it('shows an unrecognised file’s best guess, reads it as that kind, takes the missing columns and saves them', async () => {
    const { calls } = await setup();
    await fireEvent.input(screen.getByTestId('path-input'), { target: { value: '/x/stuff.csv' } });
    await fireEvent.click(screen.getByTestId('add-path'));
    const guess = await screen.findByTestId('best-guess');
    const c = card('stuff.csv');
    expect(within(c).getByText('Not recognised', { selector: '.badge' })).toBeTruthy();
    // No kind is chosen for it: the guess is offered, not taken.
    expect((within(c).getByTestId('file-kind') as HTMLSelectElement).value).toBe('');
    expect(within(guess).getByTestId('guess-kind').textContent).toContain('Leads / contacts');
    expect(within(guess).getByTestId('guess-kind').textContent).toContain('24% sure (low confidence)');
    const rows = [...within(guess).getByTestId('guess-columns').querySelectorAll('tbody tr')].map((r) => r.textContent);
    expect(rows).toEqual(['mailEmailits name reads as an email address', 'channelSourcea known header of leads.source']);
    expect(within(guess).getByTestId('guess-lacking').textContent).toContain('ID, Created');
    // Not broken: the audit would leave it out.
    expect(screen.queryByTestId('file-error')).toBeNull();

    await fireEvent.click(within(guess).getByTestId('use-guess'));
    await vi.waitFor(() => expect((lastInspection(calls).mapping as Mapping).file).toEqual([{ path: 'stuff.csv', kind: 'leads' }]));
    await vi.waitFor(() => expect(screen.queryByTestId('best-guess')).toBeNull());
    expect((within(c).getByTestId('file-kind') as HTMLSelectElement).value).toBe('leads');
    // The button pressed went away with the panel: the focus is on the kind chosen.
    await vi.waitFor(() => expect(document.activeElement).toBe(within(c).getByTestId('file-kind')));
    expect(within(c).getByTestId('file-confidence').textContent).toBe('100% sure');

    await fireEvent.click(within(c).getByTestId('toggle-mapping'));
    const id = within(c).getByTestId('field-id') as HTMLSelectElement;
    expect([...id.options].map((o) => o.value)).toEqual(['', 'ref', 'when', 'mail', 'channel']);
    await fireEvent.change(id, { target: { value: 'ref' } });
    await vi.waitFor(() => expect((within(c).getByTestId('field-id') as HTMLSelectElement).value).toBe('ref'));
    await fireEvent.change(within(c).getByTestId('field-created_at'), { target: { value: 'when' } });
    await vi.waitFor(() => expect((within(c).getByTestId('field-created_at') as HTMLSelectElement).value).toBe('when'));
    expect((within(c).getByTestId('field-email') as HTMLSelectElement).value).toBe('mail');

    await fireEvent.click(screen.getByTestId('save-mapping'));
    await vi.waitFor(() => expect(screen.getByTestId('save-status').textContent).toContain('saved to the workspace'));
    const saved = calls.filter((x) => x.cmd === 'save_mapping').at(-1)!.args.mapping as Mapping;
    expect(saved.file).toEqual([
      { path: 'stuff.csv', kind: 'leads', columns: { email: 'mail', source: 'channel', id: 'ref', created_at: 'when' } },
    ]);
  });

  it('shows the core’s guess for a kind chosen by hand, and what it still lacks, until a column gives it', async () => {
    const { calls } = await setup();
    await fireEvent.input(screen.getByTestId('path-input'), { target: { value: '/x/stuff.csv' } });
    await fireEvent.click(screen.getByTestId('add-path'));
    await screen.findByTestId('best-guess');
    const c = card('stuff.csv');
    await fireEvent.change(within(c).getByTestId('file-kind'), { target: { value: 'owners' } });
    // An owner roster with no owner column: the core's error, and the fields to map right away.
    const error = await within(c).findByTestId('file-error');
    expect(error.textContent).toContain('no column holds the owner’s name');
    expect(within(c).getByTestId('file-lacking').textContent).toContain('Owner');
    const owner = within(c).getByTestId('field-owner') as HTMLSelectElement;
    expect(owner.value).toBe('');
    expect(owner.getAttribute('aria-invalid')).toBe('true');
    await fireEvent.change(owner, { target: { value: 'mail' } });
    await vi.waitFor(() => expect((lastInspection(calls).mapping as Mapping).file[0]).toEqual({ path: 'stuff.csv', kind: 'owners', columns: { owner: 'mail' } }));
    await vi.waitFor(() => expect(within(c).queryByTestId('file-error')).toBeNull());
    expect(within(c).getByText('Read', { selector: '.badge' })).toBeTruthy();
  });

  it('leaves an unrecognised file out when asked', async () => {
    const { calls } = await setup();
    await fireEvent.input(screen.getByTestId('path-input'), { target: { value: '/x/stuff.csv' } });
    await fireEvent.click(screen.getByTestId('add-path'));
    await fireEvent.click(await screen.findByTestId('skip-file'));
    await vi.waitFor(() => expect((lastInspection(calls).mapping as Mapping).file).toEqual([{ path: 'stuff.csv', kind: 'not_used' }]));
    await vi.waitFor(() => expect(screen.queryByTestId('best-guess')).toBeNull());
    expect((within(card('stuff.csv')).getByTestId('file-kind') as HTMLSelectElement).value).toBe('not_used');
  });

  it('sets one value for every row of a field, and takes it away, each read again by the core', async () => {
    const { calls } = await setup();
    await fireEvent.input(screen.getByTestId('path-input'), { target: { value: '/x/contacts.csv' } });
    await fireEvent.click(screen.getByTestId('add-path'));
    await vi.waitFor(() => expect(screen.getByTestId('toggle-mapping')).toBeTruthy());
    await fireEvent.click(screen.getByTestId('toggle-mapping'));
    const set = screen.getByTestId('constant-set') as HTMLButtonElement;
    expect(set.disabled).toBe(true);
    await fireEvent.change(screen.getByTestId('constant-field'), { target: { value: 'created_at' } });
    expect((screen.getByTestId('constant-value') as HTMLInputElement).placeholder).toBe('e.g. 2026-04-01 09:30');
    await fireEvent.input(screen.getByTestId('constant-value'), { target: { value: ' 2026-04-01 ' } });
    await fireEvent.submit(set.form!);
    await vi.waitFor(() =>
      expect((lastInspection(calls).mapping as Mapping).file[0]!.constants).toEqual({ created_at: '2026-04-01' }),
    );
    const shown = await screen.findByTestId('constant-created_at');
    expect(shown.textContent).toContain('Created = 2026-04-01');
    await fireEvent.click(within(shown).getByRole('button', { name: 'Take away the value of Created' }));
    await vi.waitFor(() => expect((lastInspection(calls).mapping as Mapping).file[0]!.constants).toEqual({}));
    await vi.waitFor(() => expect(screen.queryByTestId('constant-created_at')).toBeNull());
  });

  it('reads files dropped on the window', async () => {
    const { calls } = await setup();
    await emit('tauri://drag-enter', { paths: ['/x/contacts.csv'], position: { x: 0, y: 0 } });
    await vi.waitFor(() => expect(screen.getByTestId('dropzone').classList.contains('dragging')).toBe(true));
    // The drop listener is registered a moment after the enter one: drop until it is heard
    // (files already in the import are not added twice).
    await vi.waitFor(async () => {
      await emit('tauri://drag-drop', { paths: ['/x/contacts.csv', '/x/bad.csv'], position: { x: 0, y: 0 } });
      expect(screen.getAllByTestId('file-card')).toHaveLength(2);
    });
    expect(lastInspection(calls).paths).toEqual(['/x/contacts.csv', '/x/bad.csv']);
    expect(screen.getByTestId('dropzone').classList.contains('dragging')).toBe(false);
  });

  it('offers the sample’s exports in a sample workspace', async () => {
    const { calls } = await setup(true);
    await fireEvent.click(await screen.findByTestId('add-sample-2026Q2'));
    await vi.waitFor(() => expect(screen.getAllByTestId('file-card')).toHaveLength(2));
    expect(lastInspection(calls).paths).toEqual(['/s/2026Q2/contacts.csv', '/s/2026Q2/deals.csv']);
  });

  it('runs the audit of the files read, after saving the mapping, and shows what changed since the last one', async () => {
    const { calls, onsaved, onopen } = await setup();
    await fireEvent.input(screen.getByTestId('path-input'), { target: { value: '/x/hubspot-2026Q2/contacts.csv' } });
    await fireEvent.click(screen.getByTestId('add-path'));
    await vi.waitFor(() => expect(screen.getByTestId('file-rows').textContent).toBe('2'));
    // Named after the quarter in the path; the person may rename it.
    await vi.waitFor(() => expect((screen.getByTestId('audit-name') as HTMLInputElement).value).toBe('2026 Q2'));
    await fireEvent.input(screen.getByTestId('audit-name'), { target: { value: 'Brightwave 2026 Q2' } });
    await fireEvent.click(screen.getByTestId('run-audit-button'));
    await vi.waitFor(() => expect(screen.getByTestId('run-done').textContent).toContain('Saved: Brightwave 2026 Q2'));
    const cmds = calls.map((c) => c.cmd);
    expect(cmds.indexOf('save_mapping')).toBeGreaterThan(-1);
    expect(cmds.indexOf('save_mapping')).toBeLessThan(cmds.indexOf('run_audit'));
    expect(calls.find((c) => c.cmd === 'run_audit')!.args).toEqual({
      workspace: '/w/a.leadaudit',
      name: 'Brightwave 2026 Q2',
      paths: ['/x/hubspot-2026Q2/contacts.csv'],
      quarter: null,
    });
    expect(onsaved).toHaveBeenCalledWith(2);
    expect(screen.getByTestId('run-warnings').textContent).toContain('the headers changed since the last audit');
    await fireEvent.click(screen.getByTestId('open-dashboard'));
    expect(onopen).toHaveBeenCalledWith('dashboard');
  });

  it('runs nothing while a file is broken', async () => {
    const { calls } = await setup();
    await fireEvent.input(screen.getByTestId('path-input'), { target: { value: '/x/contacts.csv\n/x/bad.csv' } });
    await fireEvent.click(screen.getByTestId('add-path'));
    await screen.findByTestId('file-error');
    const button = screen.getByTestId('run-audit-button') as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    expect(screen.getByTestId('run-progress').textContent).toContain('Fix or remove bad.csv first.');
    expect(calls.some((c) => c.cmd === 'run_audit')).toBe(false);
  });
});
