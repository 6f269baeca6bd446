#!/usr/bin/env node
// Nixpen's browser benchmark (not a test: it measures and reports, and fails
// only if a measurement could not be made). Serves the built site (--dist
// DIR) on 127.0.0.1 with the browser tests' server, drives Debian's Chromium
// headless through playwright-core, and prints a Markdown table of the
// figures of issue 6 (first load, keystroke to outputs, memory) and issue 5
// (warm render in wasm) against their targets.
//
//   node web/bench/run.mjs --dist dist [--runs 7] [--keys 25] [--toggles 20]
//                          [--small 1000] [--flake 50]
//                          [--only load,keys,toggle,memory] [--json FILE]
import { writeFile } from 'node:fs/promises';
import { loadavg, cpus } from 'node:os';
import { chromium } from 'playwright-core';
import { serve } from '../tests/server.mjs';
import { timeToOutputs, transfer } from './load.mjs';
import { keystrokes } from './keystroke.mjs';
import { toggles } from './toggle.mjs';
import { finalFlake, smallExpression } from './reevaluate.mjs';
import { growth, median, ms, percentile, size } from './stats.mjs';

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
function parseArgs(argv) {
  const opts = { dist: 'dist', runs: 7, keys: 25, toggles: 20, small: 1000, flake: 50, only: null, json: null };
  for (let i = 0; i < argv.length; i++) {
    const key = argv[i].replace(/^--/, '');
    if (!(key in opts) || i + 1 >= argv.length) { console.error(`unknown argument ${argv[i]}`); process.exit(2); }
    opts[key] = ['dist', 'only', 'json'].includes(key) ? argv[++i] : Number(argv[++i]);
  }
  opts.only = opts.only ? opts.only.split(',') : ['load', 'keys', 'toggle', 'memory'];
  return opts;
}

/** "flat": the end reading is at most max(2 %, 256 KB) above the start. */
function flat(start, end) {
  return end - start <= Math.max(0.02 * start, 256 * 1024);
}

function memoryRows(what, run) {
  const first = run.trace[0];
  const last = run.trace[run.trace.length - 1];
  const mid = run.trace[run.trace.length >> 1];
  const rows = [];
  for (const [key, label] of [['jsHeap', 'page JS heap'], ['pageWasm', 'page wasm memory'], ['workerWasm', 'worker wasm memory']]) {
    rows.push([`${what}: ${label} (start → end)`, 'flat',
      `${size(first[key])} → ${size(last[key])} (${growth(last[key] - first[key])}; ${growth(last[key] - mid[key])} after round ${mid.round})`,
      flat(first[key], last[key])]);
  }
  rows.push([`${what}: DOM nodes (start → end)`, 'flat', `${first.nodes} → ${last.nodes}`, last.nodes <= first.nodes + 50]);
  return rows;
}

/** Medians of the parts of a latency: page until the request is posted,
 *  worker round trip (queueing included), answer to paint. */
function phaseRows(samples) {
  const part = (key) => ms(median(samples.map((s) => s.phases[key])));
  return [['… split: input → request posted / posted → answer / answer → painted (medians)', '–',
    `${part('page')} / ${part('worker')} / ${part('paint')}`, null]];
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const site = await serve(opts.dist);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--enable-precise-memory-info'],
  });
  const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');
  const header = [
    `date: ${new Date().toISOString()}`,
    `machine: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), load average at start ${load()}`,
    `browser: Chromium ${browser.version()} headless, site ${opts.dist} served on 127.0.0.1 without compression`,
  ];
  console.log(header.join('\n'));
  const rows = [];
  const raw = { header };
  if (opts.only.includes('load')) {
    console.error('… first load: transfer');
    const t = raw.transfer = await transfer(browser, site, opts.dist);
    for (const r of t.rows) console.error(`    ${r.path}: ${size(r.raw)} raw, ${size(r.gzip)} gzip -9, ${size(r.brotli)} brotli 11`);
    const files = `${t.rows.length} files`;
    rows.push([`first load: transfer, gzip -9 of each fetched file (${files})`, '< 450 KB', size(t.gzip), t.gzip < 450_000]);
    rows.push([`first load: transfer, brotli 11 of each fetched file (${files})`, '< 450 KB', size(t.brotli), t.brotli < 450_000]);
    rows.push(['first load: uncompressed', '–', size(t.raw), null]);
    rows.push([`then the service worker's offline copy (${t.serviceWorker.count} refetches, gzip -9)`, '–', size(t.serviceWorker.gzip), null]);
    console.error(`… first load: time to outputs, ${opts.runs} fresh contexts`);
    const samples = raw.firstLoad = await timeToOutputs(browser, site, opts.runs);
    const painted = median(samples.map((s) => s.painted));
    rows.push([`navigation → \`xeserv.gohello.service\` painted, median of ${opts.runs} fresh contexts`, '< 1.5 s', ms(painted), painted < 1500]);
    rows.push(['… of which the worker\'s cold evaluation (median)', '–', ms(median(samples.map((s) => s.coldEval))), null]);
    console.error(`    painted: ${samples.map((s) => Math.round(s.painted)).join(', ')} ms`);
  }
  if (opts.only.includes('keys')) {
    console.error(`… keystrokes: ${opts.keys} samples`);
    const keys = raw.keystrokes = await keystrokes(browser, site, opts.keys);
    const latency = keys.map((k) => k.painted);
    rows.push([`keystroke → new \`server_name\` painted in nginx.conf, median of ${keys.length}`, '< 50 ms', ms(median(latency)), median(latency) < 50]);
    rows.push(['keystroke → nginx.conf, p90', '–', ms(percentile(latency, 90)), null]);
    const worker = keys.map((k) => k.worker);
    rows.push(['… of which the worker\'s evaluate + render (median)', '–', ms(median(worker)), null]);
    rows.push(...phaseRows(keys));
  }
  if (opts.only.includes('toggle')) {
    console.error(`… option toggles: ${opts.toggles} samples`);
    const flips = raw.toggles = await toggles(browser, site, opts.toggles);
    const latency = flips.map((k) => k.painted);
    rows.push([`toggling \`enable\` in the options form → units tab updated, median of ${flips.length}`, '< 50 ms', ms(median(latency)), median(latency) < 50]);
    rows.push(['toggling → units, p90', '–', ms(percentile(latency, 90)), null]);
    rows.push(['… of which the worker\'s evaluate + render (median)', '–', ms(median(flips.map((k) => k.worker))), null]);
    rows.push(...phaseRows(flips));
  }
  if (opts.only.includes('memory')) {
    console.error(`… memory: ${opts.small} evaluations of a small expression`);
    const small = raw.small = await smallExpression(browser, site, opts.small);
    rows.push(...memoryRows(`${opts.small} × small expression`, small));
    console.error(`… memory: ${opts.flake} evaluations of the final flake`);
    const flake = raw.flake = await finalFlake(browser, site, opts.flake);
    rows.push(...memoryRows(`${opts.flake} × final flake`, flake));
    const warm = median(flake.worker);
    rows.push([`warm evaluate + render of the final flake in the worker's wasm, median of ${flake.worker.length} (p90 ${ms(percentile(flake.worker, 90))})`,
      '< 30 ms', ms(warm), warm < 30]);
  }
  await browser.close();
  await site.close();
  console.log(`load average at end ${load()}\n`);
  console.log('| figure | target | measured | met |\n|---|---|---|---|');
  for (const [figure, target, value, met] of rows) {
    console.log(`| ${figure} | ${target} | ${value} | ${met === null ? '–' : met ? 'met' : 'not met'} |`);
  }
  if (opts.json) await writeFile(opts.json, JSON.stringify({ ...raw, rows }, null, 2));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
