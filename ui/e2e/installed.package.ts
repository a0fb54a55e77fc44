// The installed package's first launch (`./dev test --package`): the .deb is installed
// with dpkg, and tauri-driver starts /usr/bin/lead-audit with empty config and data
// folders and no LEADAUDIT_SAMPLE_DIR, so the app must find the sample where the package
// put it. A first launch lists no workspace and offers the sample; the sample opens as a
// copy outside the installed folder. Screenshots go to target/package-test/.
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { $, application, browser, connect, repo, shot, tomlString, until } from './harness';

const installedSample = process.env.LEADAUDIT_INSTALLED_SAMPLE;
const screenshots = join(repo, 'target', 'package-test');

/** The text of the element `selector` finds, or '' when there is none. */
async function textOf(selector: string): Promise<string> {
  const el = await browser.$(selector);
  return (await el.isExisting()) ? el.getText() : '';
}

beforeAll(async () => {
  if (!application) throw new Error('set LEADAUDIT_APP_BINARY to the installed app (/usr/bin/lead-audit)');
  if (!installedSample) throw new Error('set LEADAUDIT_INSTALLED_SAMPLE to the installed sample folder');
  if (process.env.LEADAUDIT_SAMPLE_DIR) throw new Error('LEADAUDIT_SAMPLE_DIR must be unset: the app has to find the installed sample');
  rmSync(screenshots, { recursive: true, force: true });
  mkdirSync(screenshots, { recursive: true });
  await connect();
  await browser.setWindowSize(1280, 800);
});

afterAll(async () => {
  await browser?.deleteSession();
});

describe('the installed app, first launch', () => {
  it('lists no workspace and offers the installed sample', async () => {
    const name = tomlString(join(installedSample!, 'workspace.toml'), 'name');
    await until(() => browser.getTitle(), (t) => t === 'Lead Audit', 'the window title never became "Lead Audit"');
    await until(() => textOf('[data-testid="sample-name"]'), (t) => t === name, 'the installed sample was not offered');
    expect(await textOf('p.empty')).toBe('No workspace opened yet. Create one, or try the sample.');
    await shot('installed-home', screenshots);
  });

  it('opens a copy of the installed sample', async () => {
    await (await $('open-sample')).click();
    const name = tomlString(join(installedSample!, 'workspace.toml'), 'name');
    await until(() => textOf('[data-testid="workspace-title"]'), (t) => t.startsWith(name), 'the sample copy did not open');
    const copy = (await (await $('workspace-path')).getAttribute('title')) ?? '';
    expect(copy.endsWith('.leadaudit')).toBe(true);
    expect(existsSync(copy)).toBe(true);
    expect(resolve(copy).startsWith(resolve(installedSample!))).toBe(false);
    await shot('installed-sample', screenshots);
  });
});
