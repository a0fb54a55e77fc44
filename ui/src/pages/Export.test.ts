import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { Audits } from './audits.svelte';
import Export from './Export.svelte';

afterEach(() => {
  cleanup();
  clearMocks();
});

const WS = { name: 'Acme', path: '/w/acme.leadaudit', created_at: 't', sample: false };

function setup() {
  const calls: { cmd: string; args: Record<string, unknown> }[] = [];
  mockIPC((cmd, raw) => {
    const args = (raw ?? {}) as Record<string, unknown>;
    calls.push({ cmd, args });
    if (cmd === 'default_export_path') return `/docs/${args.name}.${args.extension}`;
    if (cmd === 'export_pdf') return args.path;
    if (cmd === 'export_workspace') {
      throw { code: 'copy_failed', message: '/x/a.leadaudit: the workspace could not be copied there (read-only); choose another place' };
    }
    if (cmd === 'plugin:dialog|save') return '/chosen/scorecard.pdf';
    return undefined;
  });
  const audits = new Audits(WS.path);
  audits.list = [
    { id: 1, name: '2026 Q2', period: 'whole export', created_at: 't', headline: {} as never },
    { id: 2, name: '2026 Q3', period: 'whole export', created_at: 't', headline: {} as never },
  ];
  audits.current = 2;
  render(Export, { workspace: WS, audits });
  return calls;
}

describe('the export screen', () => {
  it('writes the PDF where chosen, masked by default, on the paper chosen', async () => {
    const calls = setup();
    const path = screen.getByTestId('pdf-path') as HTMLInputElement;
    await vi.waitFor(() => expect(path.value).toBe('/docs/Acme 2026 Q3 scorecard.pdf'));
    expect((screen.getByTestId('pdf-redact') as HTMLInputElement).checked).toBe(true);
    expect((screen.getByTestId('paper-a4') as HTMLInputElement).checked).toBe(true);
    await fireEvent.click(screen.getByTestId('pdf-choose'));
    await vi.waitFor(() => expect(path.value).toBe('/chosen/scorecard.pdf'));
    await fireEvent.click(screen.getByTestId('paper-letter'));
    await fireEvent.click(screen.getByTestId('pdf-export'));
    await vi.waitFor(() => expect(screen.getByTestId('pdf-status').textContent).toContain('Saved to /chosen/scorecard.pdf'));
    expect(calls.find((c) => c.cmd === 'export_pdf')!.args).toEqual({
      workspace: '/w/acme.leadaudit',
      audit: 2,
      path: '/chosen/scorecard.pdf',
      paper: 'letter',
      redact: true,
      compare: null,
    });
  });

  it('shows why the workspace could not be copied, in the core’s words', async () => {
    setup();
    const copy = screen.getByTestId('copy-path') as HTMLInputElement;
    await vi.waitFor(() => expect(copy.value).toBe('/docs/Acme hand-over.leadaudit'));
    await fireEvent.click(screen.getByTestId('copy-export'));
    await vi.waitFor(() =>
      expect(screen.getByTestId('copy-status').textContent).toBe(
        'Not saved: /x/a.leadaudit: the workspace could not be copied there (read-only); choose another place',
      ),
    );
  });
});
