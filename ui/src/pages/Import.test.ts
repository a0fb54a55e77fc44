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
