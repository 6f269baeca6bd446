// Memory over many re-evaluations: 1,000 edits of a small expression and
// ~50 edits of the tutorial's final flake, each waited for until its output
// shows, with memory read (after a forced GC) at the start, every so often,
// and at the end. Also yields the worker's warm evaluate-and-render time of
// the final flake (status line, one sample per edit).
import { editAndWait, instrument, openFinalFlake, workerMillis } from './probe.mjs';
import { memoryProbe } from './memory.mjs';
import { shareFragment } from '../tests/helpers.mjs';

const DOMAIN = 'gohello.local.cetacean.club';

/** Runs `rounds` edits, reading memory `readings` times; `edit(i)` makes edit i. */
async function rounds(page, count, readings, edit) {
  const probe = await memoryProbe(page);
  const every = Math.max(1, Math.floor(count / readings));
  const trace = [{ round: 0, ...(await probe.read()) }];
  const worker = [];
  for (let i = 1; i <= count; i++) {
    await edit(i);
    worker.push(await workerMillis(page));
    if (i % every === 0 || i === count) trace.push({ round: i, ...(await probe.read()) });
  }
  return { trace, worker };
}

/** `count` evaluations of `{ n = i; }` in a one-file playground. */
export async function smallExpression(browser, site, count) {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  await instrument(context);
  const page = await context.newPage();
  await page.goto(`${site.url}#${await shareFragment([['default.nix', 'null']])}`);
  await page.waitForSelector('[data-testid=value]');
  for (let i = 0; i < 20; i++) await editAndWait(page, `{ warm = ${i}; }`, '[data-testid=value]', `{ warm = ${i}; }`);
  const result = await rounds(page, count, 10, (i) =>
    editAndWait(page, `{ n = ${i}; }`, '[data-testid=value]', `{ n = ${i}; }`));
  await context.close();
  return result;
}

/** `count` evaluations of the final flake, each with another domain. */
export async function finalFlake(browser, site, count) {
  const { context, page } = await openFinalFlake(browser, site);
  await page.click('[data-testid=tab-nginx]');
  const original = await page.locator('[data-testid=editor]').inputValue();
  const withDomain = (domain) => original.replace(`"${DOMAIN}"`, `"${domain}"`);
  for (let i = 0; i < 5; i++) {
    await editAndWait(page, withDomain(`warm${i}.example.org`), '[data-testid=nginx]', `server_name warm${i}.example.org ;`);
  }
  const result = await rounds(page, count, 5, (i) =>
    editAndWait(page, withDomain(`host${i}.example.org`), '[data-testid=nginx]', `server_name host${i}.example.org ;`));
  await context.close();
  return result;
}
