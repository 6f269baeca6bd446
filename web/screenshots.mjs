#!/usr/bin/env node
// Screenshots of the playground's views at a laptop's size (1280×800) and a
// phone's (390×844), for people to look at before calling UI work done.
// Writes web/screenshots/<size>-<view>.png (ignored by git).
//
//   node web/screenshots.mjs [--dist dist] [--only TEXT]
import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from './tests/server.mjs';
import { shareFragment } from './tests/helpers.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const OUT = join(HERE, 'screenshots');
const SIZES = { laptop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } };

const args = process.argv.slice(2);
const dist = args.includes('--dist') ? args[args.indexOf('--dist') + 1] : 'dist';
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : null;

/** Waits until the status line says the latest files were evaluated. */
async function evaluated(page) {
  await page.waitForFunction(() => /^(Evaluated|Error)/.test(document.querySelector('[data-testid=status]')?.textContent ?? ''), null, { timeout: 20_000 });
  await page.waitForTimeout(150);
}

/** Shows a pane on a phone (does nothing on a laptop). */
async function pane(page, which) {
  const button = page.locator(`[data-testid=show-${which}]`);
  if (await button.isVisible()) await button.click();
}

/** The views: a name and the steps that lead to it from a fresh page. */
const VIEWS = [
  ['first-visit', async () => {}],
  ['first-visit-outputs', async (page) => { await pane(page, 'output'); }],
  ['stock-units-open', async (page) => {
    await pane(page, 'output');
    await page.click('details.stock-files summary');
  }],
  ['value', async (page) => { await pane(page, 'output'); await page.click('[data-testid=tab-value]'); }],
  ['options', async (page) => {
    await pane(page, 'output');
    await page.locator('[data-testid=tab-options]').click();
  }],
  ['config-tree', async (page) => { await pane(page, 'output'); await page.click('[data-testid=tab-config]'); await page.waitForTimeout(300); }],
  ['error-unclosed', async (page) => {
    await page.evaluate(() => {
      const area = document.querySelector('[data-testid=editor]');
      const at = area.value.indexOf('options.xeserv.services.gohello = {') + 'options.xeserv.services.gohello = {'.length;
      area.focus();
      area.setSelectionRange(at, at);
    });
    await page.keyboard.press('Enter');
    await page.keyboard.type('port = mkOption {');
    await evaluated(page);
  }],
  ['error-unclosed-outputs', async (page) => {
    await page.evaluate(() => {
      const area = document.querySelector('[data-testid=editor]');
      const at = area.value.indexOf('options.xeserv.services.gohello = {') + 'options.xeserv.services.gohello = {'.length;
      area.focus();
      area.setSelectionRange(at, at);
    });
    await page.keyboard.press('Enter');
    await page.keyboard.type('port = mkOption {');
    await evaluated(page);
    await pane(page, 'output');
  }],
  ['form-type-error', async (page) => {
    await page.selectOption('[data-testid=examples]', '6-exercise-port');
    await evaluated(page);
    await pane(page, 'output');
    await page.click('[data-testid=tab-options]');
    const input = page.locator('[data-testid="option-xeserv.services.gohello.port"]').getByRole('spinbutton');
    await input.fill('70000');
    await page.waitForTimeout(400);
    await evaluated(page);
  }],
  ['pasted-configuration', async (page) => {
    const text = await readFile(new URL('../examples/static-site.nix', import.meta.url), 'utf8');
    await page.locator('[data-testid=editor]').fill(text);
    await evaluated(page);
    await pane(page, 'output');
  }],
  ['generated-configuration', async (page) => {
    const text = await readFile(new URL('./tests/generated-configuration.nix', import.meta.url), 'utf8');
    await page.locator('[data-testid=editor]').fill(text);
    await evaluated(page);
    await page.waitForTimeout(2000);
    await pane(page, 'output');
    await page.click('[data-testid=tab-warnings]');
  }],
  ['generated-desktop', async (page) => {
    const text = await readFile(new URL('./tests/generated-desktop.nix', import.meta.url), 'utf8');
    await page.locator('[data-testid=editor]').fill(text);
    await evaluated(page);
    await page.waitForTimeout(2000);
    await pane(page, 'output');
    await page.click('[data-testid=tab-warnings]');
  }],
  ['share-open', async (page) => { await pane(page, 'output'); await page.click('[data-testid=share]'); await page.waitForTimeout(300); }],
  ['new-file-and-brackets', async (page) => {
    await page.click('[data-testid=add-file]');
    await page.keyboard.type('module.nix');
    await page.evaluate(() => {
      const area = document.querySelector('[data-testid=editor]');
      area.setSelectionRange(0, 0);
    });
    await page.locator('[data-testid=editor]').press('ArrowRight');
    await page.locator('[data-testid=editor]').press('ArrowLeft');
  }],
  ['long-line-scrolled', async (page) => {
    await page.locator('[data-testid=editor]').fill(`{\n  long = "${'a long line '.repeat(40)}";\n  b = 1;\n}\n`);
    await evaluated(page);
    await page.evaluate(() => { document.querySelector('.editor').scrollLeft = 400; });
  }],
  ['expression-value', async (page, size, site) => {
    const fragment = await shareFragment([['default.nix', '{ servers = { web = { port = 8080; hosts = [ "a.example" "b.example" ]; }; db = { port = 5432; }; }; packages = builtins.attrNames (import <nixpkgs> { }); }']]);
    await page.goto(`${site.url}#${fragment}`);
    await evaluated(page);
    await pane(page, 'output');
  }],
  ['dark-theme', async (page) => { await page.click('[data-testid=theme]'); await page.click('[data-testid=theme]'); }],
];

const site = await serve(resolve(dist));
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
await mkdir(OUT, { recursive: true });
try {
  for (const [sizeName, size] of Object.entries(SIZES)) {
    for (const [name, steps] of VIEWS) {
      if (only && !name.includes(only)) continue;
      const context = await browser.newContext({ viewport: size });
      const page = await context.newPage();
      page.on('pageerror', (e) => console.log(`${sizeName}-${name}: pageerror ${e.message}`));
      await page.goto(site.url);
      await evaluated(page);
      await steps(page, size, site);
      const file = join(OUT, `${sizeName}-${name}.png`);
      await page.screenshot({ path: file });
      console.log(file);
      await context.close();
    }
  }
} finally {
  await browser.close();
  await site.close();
}
