#!/usr/bin/env node
// Runs Nixpen's browser tests: serves the built site (--dist DIR) on
// 127.0.0.1, drives Debian's Chromium headless through playwright-core,
// saves a screenshot of every failure in web/test-results/, prints
// "N passed, N failed" on the last line and exits non-zero on any failure.
//
//   node web/tests/run.mjs --dist dist [--grep TEXT] [--headed] [--pending]
//
// A test with `pending: 'why'` waits for something that has not landed yet:
// it is skipped (and counted as skipped) unless --pending is given.
import { mkdir, readdir, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from './server.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const RESULTS = resolve(HERE, '..', 'test-results');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const TEST_TIMEOUT_MS = 60_000;

function parseArgs(argv) {
  const opts = { dist: 'dist', grep: null, headed: false, pending: false };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--dist') opts.dist = argv[++i];
    else if (argv[i] === '--grep') opts.grep = argv[++i];
    else if (argv[i] === '--headed') opts.headed = true;
    else if (argv[i] === '--pending') opts.pending = true;
    else { console.error(`unknown argument ${argv[i]}`); process.exit(2); }
  }
  return opts;
}

async function loadTests(grep) {
  const files = (await readdir(HERE)).filter((f) => f.endsWith('.test.mjs')).sort();
  const tests = [];
  for (const file of files) {
    const mod = await import(pathToFileURL(join(HERE, file)).href);
    for (const test of mod.tests) tests.push({ ...test, file });
  }
  return grep ? tests.filter((t) => t.name.includes(grep)) : tests;
}

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms); }),
  ]).finally(() => clearTimeout(timer));
}

/** Everything a test gets: the site's URL, the browser, helpers to open pages. */
function makeContext(browser, site) {
  const pages = [];
  const contexts = [];
  const consoleErrors = [];
  return {
    url: site.url,
    site,
    browser,
    consoleErrors,
    pages,
    /** A page in a new browser context (own storage), with console errors recorded. */
    async newPage(options = {}) {
      const context = await browser.newContext({ serviceWorkers: 'allow', ...options });
      contexts.push(context);
      return this.pageIn(context);
    },
    /** A new page in an existing context, with console errors recorded. */
    async pageIn(context) {
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      page.on('console', (msg) => { if (msg.type() === 'error') consoleErrors.push(`console: ${msg.text()}`); });
      page.on('pageerror', (err) => consoleErrors.push(`pageerror: ${err.message}`));
      pages.push(page);
      return page;
    },
    async close() { for (const c of contexts) await c.close().catch(() => {}); },
  };
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const tests = await loadTests(opts.grep);
  const site = await serve(opts.dist);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: !opts.headed,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ], // playwright starts Chromium with a fresh temporary user-data-dir
  });
  await rm(RESULTS, { recursive: true, force: true });
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for (const test of tests) {
    if (test.pending && !opts.pending) {
      skipped++;
      console.log(`skip ${test.name} (pending: ${test.pending})`);
      continue;
    }
    const ctx = makeContext(browser, site);
    const started = Date.now();
    try {
      await withTimeout(test.run(ctx), test.timeout ?? TEST_TIMEOUT_MS, test.name);
      passed++;
      console.log(`ok   ${test.name} (${Date.now() - started} ms)`);
    } catch (error) {
      failed++;
      console.log(`FAIL ${test.name} (${Date.now() - started} ms)\n     ${String(error?.stack ?? error).split('\n').slice(0, 6).join('\n     ')}`);
      await mkdir(RESULTS, { recursive: true });
      const slug = test.name.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').toLowerCase();
      for (const [i, page] of ctx.pages.entries()) {
        const file = join(RESULTS, `${slug}${i ? `-${i}` : ''}.png`);
        if (!page.isClosed()) await page.screenshot({ path: file, fullPage: true }).then(() => console.log(`     screenshot: ${file}`), () => {});
      }
      if (ctx.consoleErrors.length) console.log(`     console errors:\n       ${ctx.consoleErrors.join('\n       ')}`);
    } finally {
      await ctx.close();
    }
  }
  await browser.close();
  await site.close();
  console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  process.exit(failed || passed === 0 ? 1 : 0);
}

main().catch((error) => {
  console.error(error);
  console.log('0 passed, 1 failed');
  process.exit(1);
});
