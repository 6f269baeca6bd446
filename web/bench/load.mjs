// First load of the playground: what the page fetches until the default
// example's outputs show (with its compressed sizes), and the time from
// navigation to `xeserv.gohello.service` in the units list, over several
// fresh browser contexts (empty caches, no service worker yet).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { instrument, workerMillis } from './probe.mjs';

/** Waits until the default example's units are in the page and painted;
 *  returns the instruments' times. */
async function outputsShown(page) {
  await page.waitForFunction(() => window.__bench && window.__bench.outputsPaintedAt !== null, null, { timeout: 30_000 });
  return page.evaluate(() => ({ dom: window.__bench.outputsAt, painted: window.__bench.outputsPaintedAt }));
}

/** Raw, gzip -9 and brotli q11 sizes of one file of `dist`. */
async function sizes(dist, path) {
  const name = path === '/' ? 'index.html' : decodeURIComponent(path.slice(1));
  const body = await readFile(join(dist, name));
  return {
    path,
    raw: body.length,
    gzip: gzipSync(body, { level: 9 }).length,
    brotli: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

/**
 * The files a first visit fetches before its outputs show (service workers
 * blocked, so the offline copy the service worker makes afterwards is not
 * counted here), and the extra files the service worker fetches for its
 * offline copy when it is allowed.
 */
export async function transfer(browser, site, dist) {
  const files = async (serviceWorkers) => {
    const context = await browser.newContext({ serviceWorkers });
    await instrument(context);
    const page = await context.newPage();
    site.requests.length = 0;
    await page.goto(site.url);
    await outputsShown(page);
    // What was asked for before the outputs showed; files fetched after
    // them (the nixpkgs files for real configurations) are not first load.
    const before = site.requests.length;
    if (serviceWorkers === 'allow') {
      await page.evaluate(async () => { await navigator.serviceWorker.ready; });
    }
    await page.waitForTimeout(500);
    const paths = serviceWorkers === 'allow' ? [...site.requests] : site.requests.slice(0, before);
    await context.close();
    return paths;
  };
  const needed = await files('block');
  const all = await files('allow');
  const unique = [...new Set(needed)];
  const rows = await Promise.all(unique.map((path) => sizes(dist, path)));
  const sum = (key) => rows.reduce((total, row) => total + row[key], 0);
  // The service worker's copy: every request beyond the page's own.
  const extra = [...all];
  for (const path of needed) {
    const at = extra.indexOf(path);
    if (at >= 0) extra.splice(at, 1);
  }
  const extraRows = await Promise.all(extra.map((path) => sizes(dist, path)));
  return {
    rows,
    raw: sum('raw'),
    gzip: sum('gzip'),
    brotli: sum('brotli'),
    repeated: needed.length - unique.length,
    serviceWorker: { count: extra.length, gzip: extraRows.reduce((t, r) => t + r.gzip, 0) },
  };
}

/** Navigation → default outputs painted, `runs` times in fresh contexts. */
export async function timeToOutputs(browser, site, runs) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ serviceWorkers: 'allow' });
    await instrument(context);
    const page = await context.newPage();
    await page.goto(site.url);
    const shown = await outputsShown(page);
    const evalMs = await workerMillis(page);
    samples.push({ dom: shown.dom, painted: shown.painted, coldEval: evalMs });
    await context.close();
  }
  return samples;
}
