import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import type { RecentWorkspace, WorkspaceView } from '../lib/api';
import Home from './Home.svelte';

afterEach(() => {
  cleanup();
  clearMocks();
});

const SAMPLE = { name: 'Brightwave (sample)', company: 'Brightwave', description: 'Two quarters', path: '/s' };
const COPY: WorkspaceView = { name: 'Brightwave (sample)', path: '/data/samples/Brightwave (sample).leadaudit', created_at: 't', sample: true };
const RECENT: RecentWorkspace[] = [
  { name: 'Acme', path: '/w/acme.leadaudit', opened_at: 1_780_000_000_000, sample: false, exists: true },
  { name: 'Gone Ltd', path: '/w/gone.leadaudit', opened_at: 1_770_000_000_000, sample: false, exists: false },
];

function shell(extra: Record<string, (args: Record<string, unknown>) => unknown> = {}) {
  const calls: { cmd: string; args: Record<string, unknown> }[] = [];
  mockIPC((cmd, raw) => {
    const args = (raw ?? {}) as Record<string, unknown>;
    calls.push({ cmd, args });
    if (extra[cmd]) return extra[cmd](args);
    if (cmd === 'sample_workspace') return SAMPLE;
    if (cmd === 'recent_workspaces') return RECENT;
    if (cmd === 'default_workspace_path') return `/home/me/Documents/${args.name as string}.leadaudit`;
    return undefined;
  });
  return calls;
}

describe('Home', () => {
  it('lists the recent workspaces and offers the sample', async () => {
    shell();
    render(Home, { onopen: () => {} });
    expect(await screen.findByText('Acme')).toBeTruthy();
    expect(screen.getByText('Gone Ltd')).toBeTruthy();
    expect(screen.getByText('File not found')).toBeTruthy();
    expect(await screen.findByText('Brightwave (sample)')).toBeTruthy();
    // A missing file cannot be opened, only removed from the list.
    expect(screen.getByRole('button', { name: 'Open Acme' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Open Gone Ltd' })).toBeNull();
  });

  it('opens a copy of the sample', async () => {
    const calls = shell({ open_sample_workspace: () => COPY });
    const onopen = vi.fn();
    render(Home, { onopen });
    await fireEvent.click(await screen.findByTestId('open-sample'));
    await vi.waitFor(() => expect(onopen).toHaveBeenCalledWith(COPY));
    expect(calls.map((c) => c.cmd)).toContain('open_sample_workspace');
  });

  it('opens a recent workspace, and shows the core’s words when it cannot', async () => {
    shell({
      open_workspace: () => {
        throw { code: 'workspace_damaged', message: '/w/acme.leadaudit: the workspace file is damaged; it was left unchanged' };
      },
    });
    const onopen = vi.fn();
    render(Home, { onopen });
    await fireEvent.click(await screen.findByRole('button', { name: 'Open Acme' }));
    const alert = await screen.findByTestId('open-error');
    expect(alert.textContent).toContain('The workspace could not be opened.');
    expect(alert.textContent).toContain('the workspace file is damaged; it was left unchanged');
    expect(onopen).not.toHaveBeenCalled();
  });

  it('removes a workspace from the list', async () => {
    const calls = shell({ forget_workspace: () => RECENT.slice(0, 1) });
    render(Home, { onopen: () => {} });
    await fireEvent.click(await screen.findByRole('button', { name: 'Remove Gone Ltd from the list' }));
    await vi.waitFor(() => expect(screen.queryByText('Gone Ltd')).toBeNull());
    expect(calls.find((c) => c.cmd === 'forget_workspace')!.args).toEqual({ path: '/w/gone.leadaudit' });
  });

  it('creates a workspace with a name and a path; Escape cancels', async () => {
    const created: WorkspaceView = { name: 'Acme', path: '/home/me/Documents/Acme.leadaudit', created_at: 't', sample: false };
    const calls = shell({ create_workspace: () => created });
    const onopen = vi.fn();
    render(Home, { onopen });
    await fireEvent.click(screen.getByRole('button', { name: 'New workspace…' }));
    const name = screen.getByTestId('create-name') as HTMLInputElement;
    expect(document.activeElement).toBe(name);
    await fireEvent.input(name, { target: { value: 'Acme' } });
    const path = screen.getByTestId('create-path') as HTMLInputElement;
    await vi.waitFor(() => expect(path.value).toBe('/home/me/Documents/Acme.leadaudit'));
    await fireEvent.submit(name.form!);
    await vi.waitFor(() => expect(onopen).toHaveBeenCalledWith(created));
    expect(calls.find((c) => c.cmd === 'create_workspace')!.args).toEqual({
      name: 'Acme',
      path: '/home/me/Documents/Acme.leadaudit',
    });

    await fireEvent.click(screen.getByRole('button', { name: 'New workspace…' }));
    await fireEvent.keyDown(screen.getByTestId('create-name'), { key: 'Escape' });
    expect(screen.queryByTestId('create-name')).toBeNull();
  });

  it('shows why a workspace could not be created, in the form', async () => {
    shell({
      create_workspace: () => {
        throw { code: 'workspace_exists', message: '/w/acme.leadaudit: a file is already there; choose another name' };
      },
    });
    render(Home, { onopen: () => {} });
    await fireEvent.click(screen.getByRole('button', { name: 'New workspace…' }));
    await fireEvent.input(screen.getByTestId('create-name'), { target: { value: 'Acme' } });
    await fireEvent.submit((screen.getByTestId('create-name') as HTMLInputElement).form!);
    await vi.waitFor(() =>
      expect(screen.getByTestId('create-error').textContent).toBe('/w/acme.leadaudit: a file is already there; choose another name'),
    );
  });
});
