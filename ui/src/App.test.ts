import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/svelte';
import { clearMocks, mockIPC, mockWindows } from '@tauri-apps/api/mocks';
import App from './App.svelte';
import { theme } from './lib/theme.svelte';

afterEach(() => {
  cleanup();
  clearMocks();
  localStorage.clear();
});

const COPY = { name: 'Brightwave (sample)', path: '/data/samples/Brightwave (sample).leadaudit', created_at: 't', sample: true };

function shell(opened: typeof COPY & { read_only?: boolean } = COPY) {
  mockWindows('main');
  mockIPC(
    (cmd) => {
      switch (cmd) {
        case 'core_version':
          return '0.1.0';
        case 'sample_workspace':
          return { name: 'Brightwave (sample)', company: 'Brightwave', description: 'd', path: '/s' };
        case 'recent_workspaces':
          return [];
        case 'open_sample_workspace':
          return opened;
        case 'canonical_fields':
        case 'sample_exports':
        case 'list_audits':
          return [];
        case 'workspace_settings':
          return {
            timezone: 'UTC',
            sla: '5m',
            sla_by_priority: [],
            recontact: '1h',
            business_hours: 'Mon-Fri 09:00-17:00',
            qualified_statuses: [],
            placeholders: [],
            inactive_after_days: '14',
            strict_rows: false,
            as_of: '',
          };
        default:
          return undefined;
      }
    },
    { shouldMockEvents: true },
  );
}

describe('the app', () => {
  it('goes from home to a workspace with its screens, and back', async () => {
    shell();
    render(App);
    expect((await screen.findByTestId('core-version')).textContent).toBe('v0.1.0');
    await fireEvent.click(await screen.findByTestId('open-sample'));
    expect((await screen.findByTestId('workspace-title')).textContent).toBe('Brightwave (sample)');
    expect(screen.queryByTestId('workspace-read-only')).toBeNull();
    const nav = screen.getByRole('navigation', { name: 'Workspace' });
    const items = within(nav)
      .getAllByRole('listitem')
      .map((li) => li.textContent?.trim());
    expect(items).toEqual(['Import', 'Dashboard', 'Walkthrough', 'History', 'Export', 'Settings']);
    expect(screen.getByTestId('nav-import').getAttribute('aria-current')).toBe('page');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Import');

    // No audit yet: each screen that shows one says where to run it.
    await vi.waitFor(() => expect(screen.getByTestId('audit-none').textContent).toContain('run one from Import'));
    await fireEvent.click(screen.getByTestId('nav-dashboard'));
    expect(screen.getByTestId('dashboard-empty')).toBeTruthy();
    await fireEvent.click(screen.getByTestId('nav-walkthrough'));
    expect(screen.getByTestId('walkthrough-empty')).toBeTruthy();
    await fireEvent.click(screen.getByTestId('nav-export'));
    expect(screen.getByTestId('export-no-audit')).toBeTruthy();

    await fireEvent.click(screen.getByTestId('nav-settings'));
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Settings');
    expect(await screen.findByTestId('setting-sla')).toBeTruthy();

    await fireEvent.click(screen.getByTestId('close-workspace'));
    expect(await screen.findByRole('heading', { level: 1, name: 'Workspaces' })).toBeTruthy();
    // It renders every screen: slower than 5 s on a busy 2-core machine.
  }, 20_000);

  it('says when the workspace file is read-only', async () => {
    shell({ ...COPY, read_only: true });
    render(App);
    await fireEvent.click(await screen.findByTestId('open-sample'));
    const badge = await screen.findByTestId('workspace-read-only');
    expect(badge.textContent).toBe('Read-only');
    expect(badge.getAttribute('title')).toContain('copy it somewhere you can write');
  });

  it('switches between light and dark and remembers the choice', async () => {
    shell();
    theme.init();
    const start = theme.current;
    render(App);
    const toggle = screen.getByTestId('theme-toggle');
    await fireEvent.click(toggle);
    const other = start === 'dark' ? 'light' : 'dark';
    expect(document.documentElement.dataset.theme).toBe(other);
    expect(toggle.getAttribute('aria-pressed')).toBe(String(other === 'dark'));
    expect(localStorage.getItem('leadaudit.theme')).toBe(other);
    theme.init();
    expect(theme.current).toBe(other);
    await fireEvent.click(toggle);
    expect(document.documentElement.dataset.theme).toBe(start);
    vi.restoreAllMocks();
  });
});
