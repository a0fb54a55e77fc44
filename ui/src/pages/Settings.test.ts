import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import type { SettingsCheck, SettingsForm } from '../lib/api';
import Settings from './Settings.svelte';
import { SettingsEditor } from './settings/editor.svelte';

afterEach(() => {
  cleanup();
  clearMocks();
});

const FORM: SettingsForm = {
  timezone: 'UTC',
  sla: '5m',
  sla_by_priority: [],
  recontact: '1h',
  business_hours: 'Mon-Fri 09:00-17:00',
  qualified_statuses: ['MQL', 'SQL'],
  placeholders: ['N/A'],
  inactive_after_days: '14',
  strict_rows: false,
  as_of: '',
};

/** A stand-in for the shell: the core's answer is given per test. */
function shell(answer: (form: SettingsForm) => SettingsCheck) {
  const calls: { cmd: string; args: Record<string, unknown> }[] = [];
  mockIPC((cmd, raw) => {
    const args = JSON.parse(JSON.stringify(raw ?? {})) as Record<string, unknown>;
    calls.push({ cmd, args });
    if (cmd === 'workspace_settings') return FORM;
    if (cmd === 'check_settings' || cmd === 'save_workspace_settings') return answer(args.form as SettingsForm);
    return undefined;
  });
  return calls;
}

const SLA_ERROR = '"soon" is not a duration; write it like 5m, 90s, 1h or 1h30m';

describe('the settings editor', () => {
  it('loads, keeps the core’s messages, and saves nothing while a field is refused', async () => {
    shell((f): SettingsCheck => (f.sla === 'soon' ? { errors: { sla: SLA_ERROR }, form: null } : { errors: {}, form: { ...f, sla: '1h30m' } }));
    const e = new SettingsEditor('/w/a.leadaudit');
    await e.load();
    expect(e.form).toEqual(FORM);
    expect(e.dirty).toBe(false);
    e.form!.sla = 'soon';
    expect(e.dirty).toBe(true);
    await e.check();
    expect(e.errors).toEqual({ sla: SLA_ERROR });
    expect(await e.save()).toBe(false);
    expect(e.dirty).toBe(true);

    e.form!.sla = '90';
    expect(await e.save()).toBe(true);
    // The form now shows the core's own spelling, and it is the saved one.
    expect(e.form!.sla).toBe('1h30m');
    expect(e.errors).toEqual({});
    expect(e.dirty).toBe(false);
  });

  it('discards changes back to the saved settings', async () => {
    shell(() => ({ errors: {}, form: null }));
    const e = new SettingsEditor('/w/a.leadaudit');
    await e.load();
    e.form!.timezone = 'Europe/Berlin';
    e.addPriority();
    e.discard();
    expect(e.form).toEqual(FORM);
  });

  it('reports a workspace that cannot be read', async () => {
    mockIPC(() => {
      throw { code: 'workspace_missing', message: '/w/a.leadaudit: there is no workspace file there' };
    });
    const e = new SettingsEditor('/w/a.leadaudit');
    await e.load();
    expect(e.state).toBe('failed');
    expect(e.failure).toBe('/w/a.leadaudit: there is no workspace file there');
  });
});

describe('the settings screen', () => {
  it('shows the core’s message beside the field when it is left, and saves with Enter', async () => {
    const calls = shell((f): SettingsCheck => (f.sla === 'soon' ? { errors: { sla: SLA_ERROR }, form: null } : { errors: {}, form: f }));
    render(Settings, { workspace: '/w/a.leadaudit' });
    const sla = (await screen.findByTestId('setting-sla')) as HTMLInputElement;
    expect(sla.value).toBe('5m');
    await fireEvent.input(sla, { target: { value: 'soon' } });
    await fireEvent.blur(sla);
    await vi.waitFor(() => expect(screen.getByTestId('error-sla').textContent).toBe(SLA_ERROR));
    expect(sla.getAttribute('aria-invalid')).toBe('true');

    await fireEvent.input(sla, { target: { value: '1h' } });
    await fireEvent.submit(sla.form!);
    await vi.waitFor(() => expect(screen.getByTestId('settings-status').textContent).toContain('Saved'));
    const save = calls.find((c) => c.cmd === 'save_workspace_settings')!;
    expect(save.args.workspace).toBe('/w/a.leadaudit');
    expect((save.args.form as SettingsForm).sla).toBe('1h');
    expect(screen.getByTestId('error-sla').textContent).toBe('');
  });

  it('edits item 9’s re-contact window apart from the first-contact target', async () => {
    const calls = shell((f) => ({ errors: {}, form: f }));
    render(Settings, { workspace: '/w/a.leadaudit' });
    const window = (await screen.findByTestId('setting-recontact')) as HTMLInputElement;
    expect(window.value).toBe('1h');
    await fireEvent.input(window, { target: { value: '30m' } });
    await fireEvent.click(screen.getByTestId('save-settings'));
    await vi.waitFor(() => expect(calls.some((c) => c.cmd === 'save_workspace_settings')).toBe(true));
    const form = calls.find((c) => c.cmd === 'save_workspace_settings')!.args.form as SettingsForm;
    expect(form.recontact).toBe('30m');
    expect(form.sla).toBe('5m');
  });

  it('edits lists one item per line', async () => {
    const calls = shell((f) => ({ errors: {}, form: f }));
    render(Settings, { workspace: '/w/a.leadaudit' });
    const statuses = (await screen.findByTestId('setting-qualified_statuses')) as HTMLTextAreaElement;
    expect(statuses.value).toBe('MQL\nSQL');
    await fireEvent.input(statuses, { target: { value: 'MQL\nSQL\nSAL' } });
    await fireEvent.click(screen.getByTestId('save-settings'));
    await vi.waitFor(() => expect(calls.some((c) => c.cmd === 'save_workspace_settings')).toBe(true));
    const form = calls.find((c) => c.cmd === 'save_workspace_settings')!.args.form as SettingsForm;
    expect(form.qualified_statuses).toEqual(['MQL', 'SQL', 'SAL']);
  });

  it('turns on the refusal of files with ragged rows', async () => {
    const calls = shell((f) => ({ errors: {}, form: f }));
    render(Settings, { workspace: '/w/a.leadaudit' });
    const strict = (await screen.findByTestId('strict-rows')) as HTMLInputElement;
    expect(strict.checked).toBe(false);
    await fireEvent.click(strict);
    await fireEvent.click(screen.getByTestId('save-settings'));
    await vi.waitFor(() => expect(calls.some((c) => c.cmd === 'save_workspace_settings')).toBe(true));
    const form = calls.find((c) => c.cmd === 'save_workspace_settings')!.args.form as SettingsForm;
    expect(form.strict_rows).toBe(true);
  });
});
