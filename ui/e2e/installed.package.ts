// The installed package's first launch (`./dev test --package`): the .deb is installed
// with dpkg, and tauri-driver starts /usr/bin/lead-audit with empty config and data
// folders and no LEADAUDIT_SAMPLE_DIR, so the app must find the sample where the package
// put it. A first launch lists no workspace and offers the sample; the sample opens as a
// copy outside the installed folder. Screenshots go to target/package-test/.
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { remote } from 'webdriverio';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..', '..');
const application = process.env.LEADAUDIT_APP_BINARY;
const installedSample = process.env.LEADAUDIT_INSTALLED_SAMPLE;
const port = Number(process.env.TAURI_DRIVER_PORT ?? '4444');
const screenshots = join(repo, 'target', 'package-test');

let browser: WebdriverIO.Browser;

const $ = (testId: string) => browser.$(`[data-testid="${testId}"]`);

function tomlString(path: string, key: string): string {
  const match = readFileSync(path, 'utf8').match(new RegExp(`^${key}\\s*=\\s*"([^"]*)"`, 'm'));
  if (!match?.[1]) throw new Error(`no ${key} in ${path}`);
  return match[1];
}

async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, what: string, timeout = 60_000): Promise<T> {
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

async function text(selector: string): Promise<string> {
  const el = await browser.$(selector);
  return (await el.isExisting()) ? el.getText() : '';
}

async function shot(name: string): Promise<void> {
  await browser.executeAsync((done: () => void) => {
    requestAnimationFrame(() => requestAnimationFrame(() => done()));
  });
  const file = join(screenshots, `${name}.png`);
  await browser.saveScreenshot(file);
  expect(readFileSync(file).subarray(1, 4).toString()).toBe('PNG');
}

beforeAll(async () => {
  if (!application) throw new Error('set LEADAUDIT_APP_BINARY to the installed app (/usr/bin/lead-audit)');
  if (!installedSample) throw new Error('set LEADAUDIT_INSTALLED_SAMPLE to the installed sample folder');
  if (process.env.LEADAUDIT_SAMPLE_DIR) throw new Error('LEADAUDIT_SAMPLE_DIR must be unset: the app has to find the installed sample');
  rmSync(screenshots, { recursive: true, force: true });
  mkdirSync(screenshots, { recursive: true });
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
  await browser.setWindowSize(1280, 800);
});

afterAll(async () => {
  await browser?.deleteSession();
});

describe('the installed app, first launch', () => {
  it('lists no workspace and offers the installed sample', async () => {
    const name = tomlString(join(installedSample!, 'workspace.toml'), 'name');
    await until(() => browser.getTitle(), (t) => t === 'Lead Audit', 'the window title never became "Lead Audit"');
    await until(() => text('[data-testid="sample-name"]'), (t) => t === name, 'the installed sample was not offered');
    expect(await text('p.empty')).toBe('No workspace opened yet. Create one, or try the sample.');
    await shot('installed-home');
  });

  it('opens a copy of the installed sample', async () => {
    await (await $('open-sample')).click();
    const name = tomlString(join(installedSample!, 'workspace.toml'), 'name');
    await until(() => text('[data-testid="workspace-title"]'), (t) => t.startsWith(name), 'the sample copy did not open');
    const copy = (await (await $('workspace-path')).getAttribute('title')) ?? '';
    expect(copy.endsWith('.leadaudit')).toBe(true);
    expect(existsSync(copy)).toBe(true);
    expect(resolve(copy).startsWith(resolve(installedSample!))).toBe(false);
    await shot('installed-sample');
  });
});
