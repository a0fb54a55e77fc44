import { mockIPC, mockWindows, clearMocks } from '@tauri-apps/api/mocks';
import { afterEach, describe, expect, it } from 'vitest';
import { isWorkshopToggle, workshop } from './workshop.svelte';

const press = (key: string, mods: Partial<KeyboardEventInit> = {}, code = '') => new KeyboardEvent('keydown', { key, code, ...mods });

describe('the workshop mode shortcut', () => {
  it('is F11 or Ctrl+Shift+W', () => {
    expect(isWorkshopToggle(press('F11'))).toBe(true);
    expect(isWorkshopToggle(press('W', { ctrlKey: true, shiftKey: true }, 'KeyW'))).toBe(true);
    expect(isWorkshopToggle(press('w', { ctrlKey: true, shiftKey: true }))).toBe(true);
    expect(isWorkshopToggle(press('w', { ctrlKey: true }))).toBe(false);
    expect(isWorkshopToggle(press('w'))).toBe(false);
    expect(isWorkshopToggle(press('F11', { altKey: true }))).toBe(false);
    expect(isWorkshopToggle(press('F10'))).toBe(false);
  });

  it('turns the mode on only when a workspace with an audit is open', () => {
    workshop.available = false;
    workshop.toggle();
    expect(workshop.active).toBe(false);
    workshop.available = true;
    workshop.toggle();
    expect(workshop.active).toBe(true);
    workshop.toggle();
    expect(workshop.active).toBe(false);
  });

  it('asks for the whole screen on entering and gives it back on leaving', async () => {
    mockWindows('main');
    const calls: { cmd: string; args: unknown }[] = [];
    mockIPC((cmd, args) => {
      calls.push({ cmd, args });
      return null;
    });
    workshop.available = true;
    workshop.toggle();
    workshop.active = false;
    workshop.active = false; // leaving twice asks once
    await new Promise((r) => setTimeout(r, 0));
    const asks = calls.filter((c) => c.cmd === 'plugin:window|set_fullscreen').map((c) => (c.args as { value: boolean }).value);
    expect(asks).toEqual([true, false]);
  });

  afterEach(() => clearMocks());
});
