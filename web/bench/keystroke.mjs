// Keystroke to updated outputs for the tutorial's final flake: one real key
// press at the end of the `domain` option's default string, timed from the
// editor's `input` event to the new `server_name` painted in nginx.conf.
// Each key gives a new domain, so flake.nix is new to the parse cache every
// time while nixpkgs' files stay parsed (the "warm" case of issue 5); the
// worker's own time for each evaluation is read from the status line.
import { arm, openFinalFlake, phases, watched, workerMillis } from './probe.mjs';

const DOMAIN = 'gohello.local.cetacean.club';
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** `samples` keystrokes after `warmup` unmeasured ones; returns
 *  [{ latency, painted, worker }] for the measured ones. */
export async function keystrokes(browser, site, samples, warmup = 3) {
  const { context, page } = await openFinalFlake(browser, site);
  await workerMillis(page);
  // The Options tab comes with the worker's second message and reflows the
  // tab strip: a click aimed at nginx.conf before it could land on /etc.
  await page.locator('[data-testid=tab-options]').waitFor({ timeout: 15_000 });
  await page.click('[data-testid=tab-nginx]');
  await page.evaluate((domain) => {
    const area = document.querySelector('[data-testid=editor]');
    const end = area.value.indexOf(`"${domain}"`) + 1 + domain.length;
    area.focus();
    area.setSelectionRange(end, end);
  }, DOMAIN);
  const results = [];
  let suffix = '';
  for (let i = 0; i < warmup + samples; i++) {
    const letter = LETTERS[i % LETTERS.length];
    suffix += letter;
    await arm(page, '[data-testid=nginx]', `server_name ${DOMAIN}${suffix} ;`);
    await page.keyboard.press(letter);
    const seen = await watched(page);
    const worker = await workerMillis(page);
    if (i >= warmup) results.push({ latency: seen.found - seen.inputAt, painted: seen.painted - seen.inputAt, worker, phases: phases(seen) });
    await page.waitForTimeout(200); // let the page settle between samples
  }
  await context.close();
  return results;
}
