// Drives the real Lead Audit window through tauri-driver + WebKitWebDriver: home, the
// sample opened as a copy, settings, and the import (a file read, a mapping changed and
// read again, ambiguous dates resolved, a malformed file's line shown, an unrecognised
// file read as its best guess with two columns chosen); then a quarter's
// audit start to finish (run, dashboard, the 12 items graded with the keyboard, the PDF
// and the workspace file exported, the next quarter run and compared). Run by
// `./dev test`, which starts Xvfb and tauri-driver with the app's config and data
// folders in target/e2e-home (so the user's own recent list is never touched).
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Key, type ChainablePromiseElement } from 'webdriverio';
import { $, browser, connect, repo, sampleDir, shot, text, theme, tomlString, until } from './harness';

const screenshots = join(repo, 'target', 'e2e');
const work = mkdtempSync(join(tmpdir(), 'leadaudit-e2e-'));

/** Every file under `dir` with its size and modification time. */
function listing(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      const s = statSync(p);
      if (s.isDirectory()) walk(p);
      else out.push(`${relative(dir, p)} ${s.size} ${s.mtimeMs}`);
    }
  };
  walk(dir);
  return out.sort();
}

/** The sample's first quarter, as its truth.json counts it (the generator's recount). */
interface Quarter {
  dir: string;
  contacts: number;
  deals: number;
  activities: number;
}
const truth = JSON.parse(readFileSync(join(sampleDir, 'truth.json'), 'utf8')) as { quarters: Record<string, Quarter> };
const quarters = Object.entries(truth.quarters).sort(([a], [b]) => a.localeCompare(b));
const quarter = quarters[0]![1];
/** The sample's second quarter, where the planted improvements are. */
const nextQuarter = quarters[1]![1];

async function setTheme(wanted: 'light' | 'dark'): Promise<void> {
  if ((await theme()) !== wanted) await (await $('theme-toggle')).click();
  await until(theme, (t) => t === wanted, `the theme never became ${wanted}`);
}

/** The window sizes of the screenshots: a laptop (the names without a size) and a projector. */
const SIZES: [number, number, string][] = [
  [1280, 800, ''],
  [1920, 1080, '-1920x1080'],
];

/** Screenshots of the screen as it is, light and dark, at each size; back to 1280x800, light. */
async function shots(name: string, scrollTo?: () => ChainablePromiseElement): Promise<void> {
  for (const [width, height, suffix] of SIZES) {
    await browser.setWindowSize(width, height);
    await until(
      () => browser.execute(() => [window.innerWidth, window.innerHeight]),
      ([w, h]) => w === width && h === height,
      `the window never became ${width}x${height}`,
      10_000,
    );
    if (scrollTo) {
      await (await scrollTo()).scrollIntoView();
      // Only the screen's own body scrolls; the window itself stays put.
      await browser.execute(() => window.scrollTo(0, 0));
    }
    await setTheme('light');
    await shot(`${name}${suffix}-light`);
    await setTheme('dark');
    await shot(`${name}${suffix}-dark`);
  }
  await setTheme('light');
  await browser.setWindowSize(1280, 800);
}

/** Adds a file through the import screen's path field (a native dialog cannot be driven). */
async function addPath(path: string): Promise<void> {
  const input = await $('path-input');
  await input.setValue(path);
  await (await $('add-path')).click();
}

function card(name: string) {
  return browser.$(`[data-testid="file-card"][data-file="${name}"]`);
}

async function cardText(name: string, testId: string): Promise<string> {
  const c = await card(name);
  if (!(await c.isExisting())) return '';
  const el = await c.$(`[data-testid="${testId}"]`);
  return (await el.isExisting()) ? el.getText() : '';
}

beforeAll(async () => {
  rmSync(screenshots, { recursive: true, force: true });
  mkdirSync(screenshots, { recursive: true });
  await connect();
});

afterAll(async () => {
  await browser?.deleteSession();
  rmSync(work, { recursive: true, force: true });
});

describe('the app window', () => {
  it('is titled Lead Audit', async () => {
    await until(() => browser.getTitle(), (t) => t === 'Lead Audit', 'the window title never became "Lead Audit"');
  });

  it('offers the bundled sample and shows the core version', async () => {
    const expectedName = tomlString(join(sampleDir, 'workspace.toml'), 'name');
    const expectedVersion = tomlString(join(repo, 'Cargo.toml'), 'version');
    await until(() => text('sample-name'), (t) => t === expectedName, 'the sample was not offered');
    await until(() => text('core-version'), (t) => t === `v${expectedVersion}`, 'the core version was not shown');
    await shots('home');
  });
});

describe('a copy of the sample', () => {
  let copyPath = '';

  it('opens as a new workspace file, and the sample folder stays as it was', async () => {
    const before = listing(sampleDir);
    await (await $('open-sample')).click();
    const expectedName = tomlString(join(sampleDir, 'workspace.toml'), 'name');
    await until(() => text('workspace-title'), (t) => t.startsWith(expectedName), 'the sample copy did not open');
    // The path is shortened on screen; its title holds all of it.
    copyPath = (await (await $('workspace-path')).getAttribute('title')) ?? '';
    expect(copyPath.endsWith('.leadaudit')).toBe(true);
    expect(existsSync(copyPath)).toBe(true);
    expect(resolve(copyPath).startsWith(resolve(sampleDir))).toBe(false);
    if (process.env.XDG_DATA_HOME) expect(resolve(copyPath).startsWith(resolve(process.env.XDG_DATA_HOME))).toBe(true);
    expect(listing(sampleDir)).toEqual(before);
    // Only the screens that work are offered.
    const nav = await browser.$('nav[aria-label="Workspace"]');
    const items = await nav.$$('li');
    const labels: string[] = [];
    for (const li of items) labels.push(await li.getText());
    expect(labels).toEqual(['Import', 'Dashboard', 'Walkthrough', 'History', 'Export', 'Settings']);
    await shots('import-empty');
  });

  it('shows the core’s message beside a setting it refuses, and saves a good one', async () => {
    await (await $('nav-settings')).click();
    const sla = await $('setting-sla');
    await sla.waitForDisplayed({ timeout: 30_000 });
    expect(await sla.getValue()).toBe('1h');
    // The copy is in the sample's own time zone.
    const zone = tomlString(join(sampleDir, 'workspace.toml'), 'timezone');
    expect(await (await $('setting-timezone')).getValue()).toBe(zone);
    await sla.setValue('soon');
    await browser.keys('Tab');
    await until(
      () => text('error-sla'),
      (t) => t === '"soon" is not a duration; write it like 5m, 90s, 1h or 1h30m',
      'the SLA error never appeared',
    );
    await shots('settings-error');
    await sla.setValue('90');
    await browser.keys('Enter');
    await until(() => text('settings-status'), (t) => t.startsWith('Saved'), 'the settings were not saved');
    // The core's own spelling: 90 (minutes) is read back as 1h30m.
    expect(await sla.getValue()).toBe('1h30m');
    expect(await text('error-sla')).toBe('');
    await shots('settings');
  });

  it('imports the sample’s first quarter: each file’s kind and rows, headers and counts only', async () => {
    await (await $('nav-import')).click();
    await (await $(`add-sample-${quarter.dir}`)).click();
    const expected: [string, string, number][] = [
      ['contacts.csv', 'leads', quarter.contacts],
      ['deals.csv', 'deals', quarter.deals],
      ['engagements.csv', 'activities', quarter.activities],
    ];
    for (const [name, kind, rows] of expected) {
      const shown = await until(() => cardText(name, 'file-rows'), (t) => /^[\d,]+$/.test(t), `${name} was not read`);
      expect(Number(shown.replace(/,/g, ''))).toBe(rows);
      expect(await (await (await card(name)).$('[data-testid="file-kind"]')).getValue()).toBe(kind);
    }
    await until(() => cardText('owners.csv', 'file-rows'), (t) => /^\d+$/.test(t), 'owners.csv was not read');
    // Headers and counts only: no record's e-mail address is on screen.
    expect(await (await browser.$('main')).getText()).not.toContain('@');
    await shots('import', () => card('contacts.csv'));
  });

  it('reads a changed mapping again through the core, and saves it', async () => {
    const found = await cardText('contacts.csv', 'file-mapped');
    const [mapped, of] = found.match(/\d+/g)!.map(Number);
    await (await (await card('contacts.csv')).$('[data-testid="toggle-mapping"]')).click();
    // The e-mail field is said not to be in this file: one field fewer is found.
    const email = await (await card('contacts.csv')).$('[data-testid="field-email"]');
    expect(await email.getValue()).toBe('Email');
    await email.selectByAttribute('value', '');
    await until(
      () => cardText('contacts.csv', 'file-mapped'),
      (t) => t === `${mapped! - 1} of ${of} fields found`,
      'the core did not read the changed mapping',
    );
    expect(await email.getValue()).toBe('');
    await until(() => text('save-status'), (t) => t.includes('not saved yet'), 'the change was not marked unsaved');
    await shots('import-mapping', () => email);

    // A deal stage read as another outcome: the core's new reading keeps it.
    await (await (await card('deals.csv')).$('[data-testid="toggle-mapping"]')).click();
    const values = await (await card('deals.csv')).$('[data-testid="value-map"]');
    const row = await values.$('tr*=Contract Sent');
    const outcome = await row.$('select');
    expect(await outcome.getValue()).toBe('open');
    await outcome.selectByAttribute('value', 'won');
    await until(() => cardText('deals.csv', 'file-facts'), (t) => !t.includes('Reading again'), 'deals.csv was not read again');
    expect(await outcome.getValue()).toBe('won');
    await shots('import-values', () => values);

    await (await $('save-mapping')).click();
    await until(() => text('save-status'), (t) => t.startsWith('Mapping saved to the workspace'), 'the mapping was not saved');
  });

  it('asks whether ambiguous dates are day or month first', async () => {
    const file = join(work, 'ambiguous-dates.csv');
    copyFileSync(join(repo, 'tests', 'data', 'bad', 'ambiguous-dates.csv'), file);
    await addPath(file);
    await until(() => cardText('ambiguous-dates.csv', 'file-error'), (t) => t.includes('ambiguous'), 'no ambiguity shown');
    await shots('import-dates', () => card('ambiguous-dates.csv'));
    const dayFirst = await (await card('ambiguous-dates.csv')).$('[data-testid="date-day-first"]');
    await dayFirst.click();
    await until(() => cardText('ambiguous-dates.csv', 'file-rows'), (t) => t === '3', 'the dates were not read day first');
    expect(await cardText('ambiguous-dates.csv', 'file-error')).toBe('');
  });

  it('shows the line of a malformed CSV, in the core’s words', async () => {
    const file = join(work, 'ragged-extra-field.csv');
    copyFileSync(join(repo, 'tests', 'data', 'bad', 'ragged-extra-field.csv'), file);
    await addPath(file);
    const error = await until(
      () => cardText('ragged-extra-field.csv', 'file-error'),
      (t) => t.length > 0,
      'the malformed file showed no error',
    );
    expect(error).toContain('Line 3');
    // One ragged record of three is more than 5%: the file is refused, naming the line.
    expect(error).toContain("ragged-extra-field.csv: 1 of 3 records do not have the header's 3 fields (line 3 has 4 fields)");
    await shots('import-error', () => card('ragged-extra-field.csv'));
  });

  it('offers its best guess for a file it does not recognise, and reads it with the kind and columns chosen', async () => {
    const file = join(work, 'export-7.csv');
    writeFileSync(file, 'ref,when,mail,channel\nA1,2026-04-01,a@x.com,ads\nA2,2026-04-02,b@x.com,seo\nA3,2026-04-03,c@x.com,ads\n');
    await addPath(file);
    const guess = await until(() => cardText('export-7.csv', 'guess-kind'), (t) => t.length > 0, 'no best guess shown');
    expect(guess).toContain('Leads / contacts');
    expect(guess).toMatch(/\d+% sure \(low confidence\)/);
    expect(await cardText('export-7.csv', 'guess-columns')).toContain('mail');
    await shots('import-guess', () => card('export-7.csv'));
    await (await (await card('export-7.csv')).$('[data-testid="use-guess"]')).click();
    await until(() => cardText('export-7.csv', 'file-rows'), (t) => t === '3', 'the file was not read as leads');
    expect(await (await (await card('export-7.csv')).$('[data-testid="file-kind"]')).getValue()).toBe('leads');
    await (await (await card('export-7.csv')).$('[data-testid="toggle-mapping"]')).click();
    for (const [field, column] of [
      ['id', 'ref'],
      ['created_at', 'when'],
    ]) {
      const select = await (await card('export-7.csv')).$(`[data-testid="field-${field}"]`);
      await select.selectByAttribute('value', column!);
      await until(() => cardText('export-7.csv', 'file-facts'), (t) => !t.includes('Reading again'), 'export-7.csv was not read again');
      await until(() => select.getValue(), (v) => v === column, `the core did not read ${field} from ${column}`);
    }
    expect(await (await (await card('export-7.csv')).$('[data-testid="field-email"]')).getValue()).toBe('mail');
    await (await $('save-mapping')).click();
    await until(() => text('save-status'), (t) => t.startsWith('Mapping saved to the workspace'), 'the mapping was not saved');
  });

  it('is listed first among the recent workspaces once closed', async () => {
    await (await $('close-workspace')).click();
    const expectedName = tomlString(join(sampleDir, 'workspace.toml'), 'name');
    await until(() => text('recent-name'), (t) => t.startsWith(expectedName), 'the copy was not listed as recent');
    await shots('home-recent');
  });
});

/** Waits until the walkthrough shows `item` and its save state reads `status`. */
async function itemSettled(item: number, status: string): Promise<void> {
  await until(
    async () => [await (await $('walkthrough-item')).getAttribute('data-item'), (await text('grade-status')).trim()],
    ([shown, s]) => shown === String(item) && s === status,
    `item ${item} never read "${status}"`,
    20_000,
  );
}

/** Removes every file from the import. */
async function clearImport(): Promise<void> {
  for (;;) {
    const cards = await browser.$$('[data-testid="file-card"]').getElements();
    if (cards.length === 0) return;
    await (await cards[0]!.$('button*=Remove')).click();
  }
}

/** Runs the audit of the files on the import screen; returns when it is saved. */
async function runAudit(expectedName: string): Promise<void> {
  const name = await $('audit-name');
  await until(() => name.getValue(), (v) => v === expectedName, `the audit was not named ${expectedName}`);
  const button = await $('run-audit-button');
  await until(() => button.isEnabled(), (e) => e, 'the audit could not be run');
  await button.click();
  await until(() => text('run-done'), (t) => t.includes(`Saved: ${expectedName}`), `the audit ${expectedName} was not saved`, 120_000);
}

describe('a quarter’s audit, start to finish', () => {
  const pdf = join(work, 'scorecards', 'brightwave-2026Q2.pdf');
  const handOver = join(work, 'hand-over', 'brightwave.leadaudit');

  it('imports the second quarter into a new copy of the sample, with one mapping fixed', async () => {
    await (await $('open-sample')).click();
    await until(() => text('workspace-title'), (t) => t.endsWith(' 2'), 'a second copy of the sample did not open');
    expect(await text('audit-none')).toContain('None yet');
    await (await $(`add-sample-${quarter.dir}`)).click();
    await until(() => cardText('deals.csv', 'file-rows'), (t) => Number(t.replace(/,/g, '')) === quarter.deals, 'deals.csv was not read');
    await until(() => cardText('owners.csv', 'file-rows'), (t) => /^\d+$/.test(t), 'owners.csv was not read');
    // The one fix: this company counts a signed contract ("Contract Sent") as won.
    await (await (await card('deals.csv')).$('[data-testid="toggle-mapping"]')).click();
    const outcome = await (await (await card('deals.csv')).$('[data-testid="value-map"]')).$('tr*=Contract Sent').$('select');
    await outcome.selectByAttribute('value', 'won');
    await until(() => cardText('deals.csv', 'file-facts'), (t) => !t.includes('Reading again'), 'deals.csv was not read again');
    expect(await outcome.getValue()).toBe('won');
    await until(() => text('save-status'), (t) => t.includes('not saved yet'), 'the fix was not marked unsaved');
  });

  it('runs the audit off the main thread and opens its dashboard', async () => {
    await runAudit('2026 Q2');
    // Running saved the fixed mapping first.
    expect(await text('save-status')).toMatch(/^Mapping saved to the workspace/);
    await shots('import-audit-done', () => $('run-audit'));
    await (await $('open-dashboard')).click();
    await until(() => text('dashboard-subtitle'), (t) => t.includes('2026 Q2'), 'the dashboard did not show the audit');
    await until(async () => (await browser.$$('[data-testid="tile"]').getElements()).length, (n) => n === 12, 'the headline figures were not shown');
    // Nothing to compare with yet; every figure reads as a number or says why not.
    expect(await text('dashboard-subtitle')).toContain('nothing to compare with yet');
    for (const value of await browser.$$('[data-testid="tile-value"]').getElements()) {
      expect(await value.getText()).toMatch(/^(\d[\d,.]*( min| h| d|%)?|Not reached|Not available)$/);
    }
    const charts = await browser.$$('[data-testid="chart"]').getElements();
    expect(charts.length).toBeGreaterThanOrEqual(3);
    expect(await (await $('audit-select')).getValue()).toBe('1');
    await shots('dashboard');
    await shots('dashboard-speed', () => browser.$('[data-chart="speed_to_lead_buckets"]'));
    await shots('dashboard-charts', () => browser.$('[data-chart="sla_breaches_by_hour"]'));
    await shots('dashboard-owners', () => browser.$('[data-chart="leads_per_owner"]'));
    // Score readiness: the core's verdict and its figures, measured on the sample's own history.
    expect((await text('readiness-verdict')).length).toBeGreaterThan(20);
    expect((await browser.$$('[data-testid="readiness-tile"]').getElements()).length).toBeGreaterThanOrEqual(3);
    await shots('dashboard-readiness', () => browser.$('[data-testid="readiness"]'));
    // A finding opens to its example records: ids, never an email address.
    const finding = await browser.$('[data-testid="finding"]');
    await (await finding.$('summary')).click();
    await until(() => finding.$('[data-testid="finding-examples"]').isDisplayed(), (v) => v, 'the examples did not open');
    expect(await (await browser.$('main')).getText()).not.toContain('@');
    await shots('dashboard-findings', () => finding);
  });

  it('grades all 12 items with the keyboard, owners named for 8, 10 and 12', async () => {
    await (await $('nav-walkthrough')).click();
    await itemSettled(1, 'Not graded yet');
    await shots('walkthrough');
    // 1 in place, 2 partial, 3 missing; the owner items in place with their owner.
    const keys: Record<number, string> = { 1: '2', 2: '2', 3: '2', 4: '2', 5: '2', 6: '2', 7: '3', 8: '1', 9: '3', 10: '1', 11: '1', 12: '1' };
    for (let item = 1; item <= 12; item++) {
      if (item === 8) {
        // The owner rule: "in place" waits for a named owner.
        await browser.keys(keys[item]!);
        await until(() => text('grade-status'), (t) => t.includes('can be in place only with a named owner'), 'the owner rule was not shown');
        await shots('walkthrough-owner-rule', () => $('walkthrough-item'));
      }
      if ([8, 10, 12].includes(item)) {
        const owner = await $('grade-owner');
        await owner.setValue('Dana Cruz');
        await browser.keys(Key.Escape);
      }
      if (item === 10) {
        await (await $('rule-low_confidence')).click();
        await (await $('rule-high_value')).click();
        await browser.keys(Key.Escape);
      }
      await browser.keys(keys[item]!);
      await itemSettled(item, 'Saved');
      if (item === 10) await shots('walkthrough-escalation');
      if (item < 12) await browser.keys(Key.ArrowRight);
    }
    // Every item graded by a person, the verdict and the fix-first list follow.
    for (let item = 1; item <= 12; item++) {
      const pill = await (await $(`rail-${item}`)).$('[data-grade]');
      expect(await pill.getAttribute('data-grade')).not.toBe('');
    }
    expect(await text('verdict-label')).toBe('Pilot on one clean segment');
    const fixSeven = await (await $('fix-first')).$('button[aria-label^="7. Response SLA with a clock"]');
    expect(await fixSeven.isExisting()).toBe(true);
    await shots('walkthrough-graded', () => browser.$('#walkthrough-heading'));
  });

  it('exports the PDF scorecard and the workspace file', async () => {
    await (await $('nav-export')).click();
    const path = await $('pdf-path');
    await until(() => path.getValue(), (v) => v.endsWith('.pdf'), 'no default place for the PDF');
    expect(await (await $('pdf-redact')).isSelected()).toBe(true);
    await path.setValue(pdf);
    await (await $('paper-letter')).click();
    await (await $('pdf-export')).click();
    await until(() => text('pdf-status'), (t) => t.startsWith('Saved to'), 'the PDF was not written', 60_000);
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    const copy = await $('copy-path');
    await copy.setValue(handOver);
    await (await $('copy-export')).click();
    await until(() => text('copy-status'), (t) => t.startsWith('Saved to'), 'the workspace was not copied');
    expect(readFileSync(handOver).subarray(0, 15).toString()).toBe('SQLite format 3');
    await shots('export', () => browser.$('#export-heading'));
  });

  it('imports the third quarter with the saved mapping, and the history shows what improved', async () => {
    await (await $('nav-import')).click();
    await clearImport();
    await (await $(`add-sample-${nextQuarter.dir}`)).click();
    await until(() => cardText('contacts.csv', 'file-rows'), (t) => Number(t.replace(/,/g, '')) === nextQuarter.contacts, 'contacts.csv was not read');
    await until(() => cardText('owners.csv', 'file-rows'), (t) => /^\d+$/.test(t), 'owners.csv was not read');
    await runAudit('2026 Q3');
    // Same exports, same headers: nothing to warn about.
    expect(await (await $('run-warnings')).isExisting()).toBe(false);
    await (await $('open-dashboard')).click();
    await until(() => text('dashboard-subtitle'), (t) => t.includes('compared with 2026 Q2'), 'the new audit was not compared with the last');
    const within = await browser.$('[data-testid="tile"][data-figure="within_5m"]');
    await until(() => within.$('[data-testid="tile-delta"]').getText(), (t) => t.toLowerCase().includes('better'), 'contacting within 5 minutes did not improve');
    await shots('dashboard-compared');

    await (await $('nav-history')).click();
    await until(async () => (await browser.$$('[data-testid="history-row"]').getElements()).length, (n) => n === 2, 'the history does not list both audits');
    const row = await browser.$('[data-testid="compare-row"][data-figure="within_5m"]');
    await until(() => row.getAttribute('data-movement'), (m) => m === 'better', 'the comparison does not show the improvement');
    expect(await row.getText()).toContain('Contacted within 5 minutes');
    expect(await row.getText()).toContain('Better');
    // The trends table reads every headline figure across both audits (the command is
    // granted to the window: a missing permission shows an error here instead).
    await until(
      async () => (await browser.$$('[data-testid="trend-row"]').getElements()).length,
      (n) => n === 12,
      'the history shows no trend per headline figure',
    );
    await shots('history', () => browser.$('#history-heading'));
    await shots('history-comparison', () => $('comparison'));
  });
});
