import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import Home from './Home.svelte';

afterEach(() => {
  cleanup();
  clearMocks();
});

describe('Home', () => {
  it('lists the workspaces the core returns, marking the sample', async () => {
    mockIPC((cmd) =>
      cmd === 'list_workspaces'
        ? [{ name: 'Brightwave (sample)', description: 'Two quarters', path: '/s', sample: true }]
        : undefined,
    );
    render(Home);
    expect(await screen.findByText('Brightwave (sample)')).toBeTruthy();
    expect(screen.getByText('Sample')).toBeTruthy();
  });

  it('shows the error in plain words when listing fails', async () => {
    mockIPC(() => {
      throw { code: 'sample_workspace_unreadable', message: 'cannot read /s/workspace.toml' };
    });
    render(Home);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The workspaces could not be listed.');
    expect(alert.textContent).toContain('cannot read /s/workspace.toml');
  });
});
