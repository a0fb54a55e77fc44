// What the WebDriver tests share: where things are, the session with the app window
// (tauri-driver + WebKitWebDriver), polling, text by test id, the theme and screenshots.
// Imported by app.e2e.ts, workshop.e2e.ts and installed.package.ts; not a test itself.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { remote } from 'webdriverio';

const here = dirname(fileURLToPath(import.meta.url));
/** The repository's root. */
export const repo = resolve(here, '..', '..');
/** The app binary tauri-driver starts. */
export const application = process.env.LEADAUDIT_APP_BINARY;
const port = Number(process.env.TAURI_DRIVER_PORT ?? '4444');
/** The bundled sample workspace (the installed package's tests leave it unset). */
export const sampleDir = process.env.LEADAUDIT_SAMPLE_DIR ?? join(repo, 'sample-data');

/** The session with the app window, once `connect()` has opened it. */
export let browser: WebdriverIO.Browser;

/** Opens the session: tauri-driver starts the app binary. */
export async function connect(): Promise<WebdriverIO.Browser> {
  if (!application) throw new Error('set LEADAUDIT_APP_BINARY to the built app binary');
  browser = await remote({
    hostname: '127.0.0.1',
    port,
    logLevel: 'warn',
    capabilities: {
      browserName: 'wry',
      'wdio:enforceWebDriverClassic': true,
      'tauri:options': { application },
    } as WebdriverIO.Capabilities,
  });
  return browser;
}

/** The element of a `data-testid`. */
export const $ = (testId: string) => browser.$(`[data-testid="${testId}"]`);

/** Polls `read()` until `ok` accepts what it returns; returns that. */
export async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, what: string, timeout = 60_000): Promise<T> {
  const end = Date.now() + timeout;
  let last: T | undefined;
  let failure: unknown = null;
  for (;;) {
    try {
      last = await read();
      if (ok(last)) return last;
    } catch (err) {
      failure = err;
    }
    if (Date.now() > end) {
      throw new Error(`${what} (last seen: ${JSON.stringify(last)}${failure ? `; last error: ${String(failure)}` : ''})`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The text of the element of a `data-testid`, or '' when there is none. */
export async function text(testId: string): Promise<string> {
  const el = await $(testId);
  return (await el.isExisting()) ? el.getText() : '';
}

/** The `key = "value"` in the first table of a TOML file that has it. */
export function tomlString(path: string, key: string): string {
  const match = readFileSync(path, 'utf8').match(new RegExp(`^${key}\\s*=\\s*"([^"]*)"`, 'm'));
  if (!match?.[1]) throw new Error(`no ${key} in ${path}`);
  return match[1];
}

/** The theme the window shows. */
export async function theme(): Promise<string> {
  return browser.execute(() => document.documentElement.dataset.theme ?? '');
}

/** A screenshot of the window as `dir/name.png` (by default under target/e2e). */
export async function shot(name: string, dir = join(repo, 'target', 'e2e')): Promise<void> {
  // The DOM updates before WebKit repaints: wait two animation frames first.
  await browser.executeAsync((done: () => void) => {
    requestAnimationFrame(() => requestAnimationFrame(() => done()));
  });
  const file = join(dir, `${name}.png`);
  await browser.saveScreenshot(file);
  expect(readFileSync(file).subarray(1, 4).toString()).toBe('PNG');
}
