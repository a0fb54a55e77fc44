// Drives the real Lead Audit window through tauri-driver + WebKitWebDriver.
// Run by `./dev test` (which starts Xvfb and tauri-driver); see e2e/README.md.
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { remote } from 'webdriverio';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..', '..');
const application = process.env.LEADAUDIT_APP_BINARY;
const port = Number(process.env.TAURI_DRIVER_PORT ?? '4444');
const screenshots = join(repo, 'target', 'e2e');

/** The `key = "value"` in the first table of a TOML file that has it. */
function tomlString(path: string, key: string): string {
  const match = readFileSync(path, 'utf8').match(new RegExp(`^${key}\\s*=\\s*"([^"]*)"`, 'm'));
  if (!match?.[1]) throw new Error(`no ${key} in ${path}`);
  return match[1];
}

let browser: WebdriverIO.Browser;

async function screenshot(name: string): Promise<string> {
  // The DOM updates before WebKit repaints: wait two animation frames first.
  await browser.executeAsync((done: () => void) => {
    requestAnimationFrame(() => requestAnimationFrame(() => done()));
  });
  mkdirSync(screenshots, { recursive: true });
  const file = join(screenshots, `${name}.png`);
  await browser.saveScreenshot(file);
  return file;
}

beforeAll(async () => {
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
});

afterAll(async () => {
  await browser?.deleteSession();
});

describe('the app window', () => {
  it('is titled Lead Audit', async () => {
    await browser.waitUntil(async () => (await browser.getTitle()) === 'Lead Audit', {
      timeout: 30_000,
      timeoutMsg: 'the window title never became "Lead Audit"',
    });
  });

  it('lists the bundled sample workspace and shows the core version', async () => {
    const expectedName = tomlString(join(repo, 'sample-data', 'workspace.toml'), 'name');
    const expectedVersion = tomlString(join(repo, 'Cargo.toml'), 'version');

    const name = await browser.$('[data-testid="workspace-name"]');
    await name.waitForDisplayed({ timeout: 30_000 });
    expect(await name.getText()).toBe(expectedName);

    const version = await browser.$('[data-testid="core-version"]');
    await version.waitForDisplayed({ timeout: 30_000 });
    expect(await version.getText()).toBe(`v${expectedVersion}`);

    const file = await screenshot('home');
    expect(readFileSync(file).subarray(1, 4).toString()).toBe('PNG');
  });
});
