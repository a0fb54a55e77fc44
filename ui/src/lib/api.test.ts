import { afterEach, describe, expect, it, vi } from 'vitest';
import { emit } from '@tauri-apps/api/event';
import { clearMocks, mockIPC, mockWindows } from '@tauri-apps/api/mocks';
import * as api from './api';
import { ApiError, toApiError } from './api';

afterEach(() => clearMocks());

/** Records every command with its arguments and answers from `answers`. */
function recordCalls(answers: Record<string, unknown> = {}) {
  const calls: { cmd: string; args: unknown }[] = [];
  mockIPC((cmd, args) => {
    calls.push({ cmd, args });
    return answers[cmd];
  });
  return calls;
}

describe('commands', () => {
  it('asks the core for its version', async () => {
    const calls = recordCalls({ core_version: '1.2.3' });
    await expect(api.coreVersion()).resolves.toBe('1.2.3');
    expect(calls).toEqual([{ cmd: 'core_version', args: {} }]);
  });

  it('sends each command its arguments by name', async () => {
    const form: api.SettingsForm = {
      timezone: 'UTC',
      sla: '5m',
      sla_by_priority: [],
      recontact: '1h',
      business_hours: 'Mon-Fri 09:00-17:00',
      qualified_statuses: ['MQL'],
      placeholders: ['N/A'],
      inactive_after_days: '14',
      strict_rows: false,
      as_of: '',
    };
    const mapping: api.Mapping = { file: [{ path: 'a.csv', kind: 'leads' }] };
    const calls = recordCalls();
    await api.sampleWorkspace();
    await api.recentWorkspaces();
    await api.forgetWorkspace('/w/a.leadaudit');
    await api.defaultWorkspacePath('Acme');
    await api.createWorkspace('Acme', '/w/acme.leadaudit');
    await api.openWorkspace('/w/acme.leadaudit');
    await api.openSampleWorkspace();
    await api.workspaceSettings('/w/acme.leadaudit');
    await api.checkSettings(form);
    await api.saveWorkspaceSettings('/w/acme.leadaudit', form);
    await api.canonicalFields();
    await api.sampleExports();
    await api.inspectFiles('/w/acme.leadaudit', ['/x/a.csv'], null);
    await api.inspectFiles('/w/acme.leadaudit', ['/x/a.csv'], mapping);
    await api.saveMapping('/w/acme.leadaudit', mapping);
    expect(calls).toEqual([
      { cmd: 'sample_workspace', args: {} },
      { cmd: 'recent_workspaces', args: {} },
      { cmd: 'forget_workspace', args: { path: '/w/a.leadaudit' } },
      { cmd: 'default_workspace_path', args: { name: 'Acme' } },
      { cmd: 'create_workspace', args: { name: 'Acme', path: '/w/acme.leadaudit' } },
      { cmd: 'open_workspace', args: { path: '/w/acme.leadaudit' } },
      { cmd: 'open_sample_workspace', args: {} },
      { cmd: 'workspace_settings', args: { workspace: '/w/acme.leadaudit' } },
      { cmd: 'check_settings', args: { form } },
      { cmd: 'save_workspace_settings', args: { workspace: '/w/acme.leadaudit', form } },
      { cmd: 'canonical_fields', args: {} },
      { cmd: 'sample_exports', args: {} },
      { cmd: 'inspect_files', args: { workspace: '/w/acme.leadaudit', paths: ['/x/a.csv'], mapping: null } },
      { cmd: 'inspect_files', args: { workspace: '/w/acme.leadaudit', paths: ['/x/a.csv'], mapping } },
      { cmd: 'save_mapping', args: { workspace: '/w/acme.leadaudit', mapping } },
    ]);
  });

  it('sends the audit, view and export commands their arguments by name', async () => {
    const ws = '/w/acme.leadaudit';
    const grade: api.Grade = { grade: 'in_place', note: 'agreed', owner: 'Dana Cruz', due: '2026-12-31', escalation: ['high_value'] };
    const calls = recordCalls();
    await api.runAudit(ws, '2026 Q2', ['/x/q2'], null);
    await api.runAudit(ws, '2026 Q2', ['/x/q2'], '2026Q2');
    await api.listAudits(ws);
    await api.gradeItem(ws, 3, 10, grade);
    await api.checklistReference();
    await api.auditView(ws, 3, false);
    await api.auditHistory(ws);
    await api.compareAudits(ws, 1, 3);
    await api.exportPdf(ws, 3, '/out/s.pdf', 'letter', true, null);
    await api.exportPdf(ws, 3, '/out/s.pdf', 'a4', false, 1);
    await api.exportWorkspace(ws, '/out/hand-over.leadaudit');
    await api.defaultExportPath('Acme 2026 Q2 scorecard', 'pdf');
    expect(calls).toEqual([
      { cmd: 'run_audit', args: { workspace: ws, name: '2026 Q2', paths: ['/x/q2'], quarter: null } },
      { cmd: 'run_audit', args: { workspace: ws, name: '2026 Q2', paths: ['/x/q2'], quarter: '2026Q2' } },
      { cmd: 'list_audits', args: { workspace: ws } },
      { cmd: 'grade_item', args: { workspace: ws, audit: 3, item: 10, grade } },
      { cmd: 'checklist_reference', args: {} },
      { cmd: 'audit_view', args: { workspace: ws, audit: 3, reveal: false } },
      { cmd: 'audit_history', args: { workspace: ws } },
      { cmd: 'compare_audits', args: { workspace: ws, before: 1, after: 3 } },
      { cmd: 'export_pdf', args: { workspace: ws, audit: 3, path: '/out/s.pdf', paper: 'letter', redact: true, compare: null } },
      { cmd: 'export_pdf', args: { workspace: ws, audit: 3, path: '/out/s.pdf', paper: 'a4', redact: false, compare: 1 } },
      { cmd: 'export_workspace', args: { workspace: ws, path: '/out/hand-over.leadaudit' } },
      { cmd: 'default_export_path', args: { name: 'Acme 2026 Q2 scorecard', extension: 'pdf' } },
    ]);
  });

  it('passes a refused grade on as an ApiError in the core’s words', async () => {
    mockIPC(() => {
      throw { code: 'owner_needed', message: 'item 8 (A named SLA owner) can be in place only with a named owner: name the owner, and the grade is saved' };
    });
    const err = await api.gradeItem('/w/a.leadaudit', 1, 8, { grade: 'in_place', note: '', owner: '', due: null }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe('owner_needed');
    expect((err as ApiError).message).toContain('name the owner');
  });

  it('returns what the command returns', async () => {
    const ws: api.WorkspaceView = { name: 'Acme', path: '/w/acme.leadaudit', created_at: 't', sample: false };
    recordCalls({ open_workspace: ws, save_mapping: '[[file]]\npath = "a.csv"\n' });
    await expect(api.openWorkspace(ws.path)).resolves.toEqual(ws);
    await expect(api.saveMapping(ws.path, { file: [] })).resolves.toBe('[[file]]\npath = "a.csv"\n');
  });

  it('turns a command error into an ApiError with its code', async () => {
    mockIPC(() => {
      throw { code: 'workspace_newer', message: '/w/a.leadaudit: this workspace was written by a newer Lead Audit' };
    });
    const err = await api.openWorkspace('/w/a.leadaudit').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe('workspace_newer');
    expect((err as ApiError).message).toBe('/w/a.leadaudit: this workspace was written by a newer Lead Audit');
  });

  it('keeps unknown failures readable', () => {
    expect(toApiError('boom')).toMatchObject({ code: 'internal', message: 'boom' });
    expect(toApiError(new Error('bad'))).toMatchObject({ code: 'internal', message: 'bad' });
    const already = new ApiError('x', 'y');
    expect(toApiError(already)).toBe(already);
    expect(api.messageOf({ code: 'c', message: 'in plain words' })).toBe('in plain words');
  });
});

describe('events', () => {
  it('passes import progress to the handler until unlistened', async () => {
    mockIPC(() => undefined, { shouldMockEvents: true });
    const seen: api.ImportProgress[] = [];
    const unlisten = await api.onImportProgress((p) => seen.push(p));
    const p = { path: '/x/a.csv', file: 'a.csv', bytes_read: 10, bytes_total: 20, rows: 1, read: '50%' };
    await emit(api.PROGRESS_EVENT, p);
    unlisten();
    await emit(api.PROGRESS_EVENT, { ...p, bytes_read: 20 });
    expect(seen).toEqual([p]);
  });

  it('passes a running audit’s progress to the handler until unlistened', async () => {
    mockIPC(() => undefined, { shouldMockEvents: true });
    const seen: api.AuditProgress[] = [];
    const unlisten = await api.onAuditProgress((p) => seen.push(p));
    const p: api.AuditProgress = { stage: 'reading', file: 'contacts.csv', index: 1, files: 4, bytes_read: 10, bytes_total: 20, rows: 1, read: '50%', step: null };
    await emit(api.AUDIT_PROGRESS_EVENT, p);
    await emit(api.PROGRESS_EVENT, { path: '/x', file: 'x', bytes_read: 1, bytes_total: 2, rows: 0, read: '50%' });
    unlisten();
    await emit(api.AUDIT_PROGRESS_EVENT, { ...p, stage: 'computing' });
    expect(seen).toEqual([p]);
  });

  it('reports dropped files with their paths', async () => {
    mockWindows('main');
    mockIPC(() => undefined, { shouldMockEvents: true });
    const handler = vi.fn();
    await api.onFileDrop(handler);
    await emit('tauri://drag-enter', { paths: ['/x/a.csv'], position: { x: 1, y: 1 } });
    await emit('tauri://drag-drop', { paths: ['/x/a.csv', '/x/b.csv'], position: { x: 1, y: 1 } });
    await emit('tauri://drag-leave', null);
    expect(handler.mock.calls.map((c) => c[0])).toEqual([
      { type: 'enter', paths: ['/x/a.csv'] },
      { type: 'drop', paths: ['/x/a.csv', '/x/b.csv'] },
      { type: 'leave' },
    ]);
  });
});

describe('dialogs', () => {
  it('asks the dialog plugin for CSV files and returns the paths', async () => {
    const calls = recordCalls({ 'plugin:dialog|open': ['/x/a.csv', '/x/b.csv'] });
    await expect(api.chooseCsvFiles()).resolves.toEqual(['/x/a.csv', '/x/b.csv']);
    expect(calls[0]!.cmd).toBe('plugin:dialog|open');
    expect(calls[0]!.args).toMatchObject({ options: { multiple: true, filters: [{ extensions: ['csv', 'tsv', 'txt', 'xlsx', 'xlsm', 'xlsb', 'xls', 'ods'] }] } });
  });

  it('treats a cancelled dialog as no choice', async () => {
    recordCalls({ 'plugin:dialog|open': null, 'plugin:dialog|save': null });
    await expect(api.chooseCsvFiles()).resolves.toEqual([]);
    await expect(api.chooseWorkspaceFile()).resolves.toBeNull();
    await expect(api.chooseNewWorkspacePath('/w/x.leadaudit')).resolves.toBeNull();
  });

  it('asks where to save an export, with the right kind of file', async () => {
    const calls = recordCalls({ 'plugin:dialog|save': '/out/s.pdf' });
    await expect(api.chooseExportPath('pdf', '/docs/s.pdf')).resolves.toBe('/out/s.pdf');
    await api.chooseExportPath('leadaudit', '/docs/acme.leadaudit');
    expect(calls[0]!.args).toMatchObject({ options: { defaultPath: '/docs/s.pdf', filters: [{ extensions: ['pdf'] }] } });
    expect(calls[1]!.args).toMatchObject({ options: { defaultPath: '/docs/acme.leadaudit', filters: [{ extensions: ['leadaudit'] }] } });
  });

  it('offers .leadaudit files to open and to save', async () => {
    const calls = recordCalls({ 'plugin:dialog|open': '/w/a.leadaudit', 'plugin:dialog|save': '/w/b.leadaudit' });
    await expect(api.chooseWorkspaceFile()).resolves.toBe('/w/a.leadaudit');
    await expect(api.chooseNewWorkspacePath('/w/x.leadaudit')).resolves.toBe('/w/b.leadaudit');
    expect(calls[0]!.args).toMatchObject({ options: { multiple: false, filters: [{ extensions: ['leadaudit'] }] } });
    expect(calls[1]!.args).toMatchObject({ options: { defaultPath: '/w/x.leadaudit', filters: [{ extensions: ['leadaudit'] }] } });
  });
});
