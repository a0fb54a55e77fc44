import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import type { ChartSpec } from '../api';
import { view } from '../../pages/walkthrough/testing';

// The drawing itself needs a real canvas (the e2e app has one; jsdom does not): here the
// PNG is a stand-in, and what is tested is which spec is drawn and where the PNG goes.
const drawn: ChartSpec[] = [];
vi.mock('./png', async (original) => {
  const real = await original<typeof import('./png')>();
  return {
    ...real,
    chartPng: vi.fn(async (spec: ChartSpec) => {
      drawn.push(spec);
      return new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3])], { type: 'image/png' });
    }),
  };
});

const Chart = (await import('./Chart.svelte')).default;

afterEach(() => {
  cleanup();
  clearMocks();
  drawn.length = 0;
});

function shell(savePath: string | null) {
  const calls: { cmd: string; args: Record<string, unknown> }[] = [];
  mockIPC((cmd, args) => {
    calls.push({ cmd, args: args as Record<string, unknown> });
    if (cmd === 'plugin:dialog|save') return savePath;
    if (cmd === 'save_chart_png') return '/slides/speed.png';
    throw new Error(`unexpected ${cmd}`);
  });
  return calls;
}

const spec = view().charts[0]!;

describe('copy chart as PNG', () => {
  it('draws the redacted spec, never the one on screen with personal data', async () => {
    shell(null);
    const shown = { ...spec, categories: ['ann@acme.com', 'bo@acme.com', 'never'] };
    const masked = { ...spec, categories: ['a***@a***.com', 'b***@a***.com', 'never'] };
    render(Chart, { spec: shown, redacted: masked });
    await fireEvent.click(screen.getByTestId('chart-copy'));
    await vi.waitFor(() => expect(drawn).toHaveLength(1));
    expect(drawn[0]!.categories).toEqual(masked.categories);
  });

  it('cannot copy while the redacted spec is not there', () => {
    shell(null);
    render(Chart, { spec, redacted: null });
    expect((screen.getByTestId('chart-copy') as HTMLButtonElement).disabled).toBe(true);
  });

  it('without an image clipboard, saves the PNG where the person chooses and says so', async () => {
    const calls = shell('/slides/speed.png');
    render(Chart, { spec });
    await fireEvent.click(screen.getByTestId('chart-copy'));
    const status = await screen.findByTestId('chart-copy-status');
    await vi.waitFor(() => expect(status.textContent).toContain('saved as /slides/speed.png instead'));
    expect(status.textContent).toContain('no image clipboard');
    const save = calls.find((c) => c.cmd === 'save_chart_png')!;
    expect(save.args.path).toBe('/slides/speed.png');
    expect((save.args.png as number[]).slice(0, 4)).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(drawn[0]).toBe(spec);
  });

  it('says it was not copied when no file is chosen', async () => {
    shell(null);
    render(Chart, { spec });
    await fireEvent.click(screen.getByTestId('chart-copy'));
    const status = await screen.findByTestId('chart-copy-status');
    expect(status.textContent).toContain('Not copied');
  });
});
