// Toggling an option to updated outputs: the `enable` switch of the final
// flake's gohello module in the options form, switched off and on again,
// timed from the switch's `input` event to the new count in the "systemd
// units (N)" tab label painted (the unit appears or disappears).
import { arm, openFinalFlake, phases, watched, workerMillis } from './probe.mjs';

const ENABLE = 'xeserv.services.gohello.enable';

/** `samples` toggles after `warmup` unmeasured ones; [{ painted, worker }]. */
export async function toggles(browser, site, samples, warmup = 2) {
  const { context, page } = await openFinalFlake(browser, site);
  await workerMillis(page);
  await page.locator('[data-testid=tab-options]').click({ timeout: 15_000 });
  const toggle = page.locator(`[data-testid="option-${ENABLE}"]`).getByRole('switch');
  await toggle.waitFor();
  const label = await page.locator('[data-testid=tab-units]').textContent();
  const on = Number(/\((\d+)\)/.exec(label)?.[1]);
  if (!Number.isFinite(on)) throw new Error(`no unit count in the tab label ${JSON.stringify(label)}`);
  const results = [];
  for (let i = 0; i < warmup + samples; i++) {
    // The module adds xeserv.gohello.service; with it off, one unit fewer.
    const count = i % 2 === 0 ? on - 1 : on;
    await arm(page, '[data-testid=tab-units]', `systemd units (${count})`);
    await toggle.click();
    const seen = await watched(page);
    const worker = await workerMillis(page);
    if (i >= warmup) results.push({ painted: seen.painted - seen.inputAt, worker, phases: phases(seen) });
    await page.waitForTimeout(300); // let the page (and the form's own evaluation) settle
  }
  await context.close();
  return results;
}
