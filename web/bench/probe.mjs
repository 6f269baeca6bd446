// Page-side instruments of the browser benchmark: an init script that
// timestamps the first appearance of the default example's outputs and every
// `input` event, and helpers that arm a wait for some text in the page and
// read back when it appeared (all times are the page's performance.now(),
// milliseconds since navigation start).

/** Runs in the page before its own scripts (Playwright init script). */
function install() {
  const bench = { inputAt: null, outputsAt: null, outputsPaintedAt: null, watch: null };
  window.__bench = bench;
  document.addEventListener('input', () => { bench.inputAt = performance.now(); }, true);
  // Timestamps of requests posted to the evaluation worker and of its
  // `Done` answers arriving, to split a latency into page, worker and paint.
  bench.posts = [];
  bench.dones = [];
  const PageWorker = window.Worker;
  window.Worker = class extends PageWorker {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (event) => {
        if (event.data && typeof event.data === 'object' && 'Done' in event.data) bench.dones.push(performance.now());
      });
    }
    postMessage(...args) {
      bench.posts.push(performance.now());
      return super.postMessage(...args);
    }
  };
  const unitsShown = () => {
    const names = document.querySelector('[data-testid=units] .file-names');
    return names !== null && names.textContent.includes('xeserv.gohello.service');
  };
  const check = () => {
    if (bench.outputsAt === null && unitsShown()) {
      bench.outputsAt = performance.now();
      // The next frame's callbacks run before it is painted; a task queued
      // from there runs after the paint.
      requestAnimationFrame(() => setTimeout(() => { bench.outputsPaintedAt = performance.now(); }, 0));
    }
    const watch = bench.watch;
    if (watch && watch.found === null && watch.test()) {
      watch.found = performance.now();
      watch.inputAt = bench.inputAt;
      requestAnimationFrame(() => setTimeout(() => { watch.painted = performance.now(); watch.resolve(); }, 0));
    }
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true, characterData: true });
}

/** Adds the instruments to every page of `context`. */
export async function instrument(context) {
  await context.addInitScript(install);
}

/** A fresh instrumented context (no service worker) on the page's default
 *  example, the tutorial's final flake, with its outputs painted:
 *  { context, page }. */
export async function openFinalFlake(browser, site) {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  await instrument(context);
  const page = await context.newPage();
  await page.goto(site.url);
  await page.waitForFunction(() => window.__bench.outputsPaintedAt !== null, null, { timeout: 30_000 });
  return { context, page };
}

/**
 * Arms a watch: resolves (see `watched`) once the element `selector` holds
 * `text`. Call before causing the change.
 */
export async function arm(page, selector, text) {
  await page.evaluate(([selector, text]) => {
    const watch = { found: null, painted: null, inputAt: null };
    watch.test = () => {
      const el = document.querySelector(selector);
      return el !== null && el.textContent.includes(text);
    };
    watch.done = new Promise((resolve) => { watch.resolve = resolve; });
    window.__bench.watch = watch;
  }, [selector, text]);
}

/** Waits for the armed watch; returns { inputAt, posted, answered, found,
 *  painted }: `posted` is the first request to the worker after the input,
 *  `answered` the last `Done` before the text appeared. */
export async function watched(page, timeout = 15_000) {
  return page.evaluate(async (timeout) => {
    const bench = window.__bench;
    const watch = bench.watch;
    const late = new Promise((_, reject) => setTimeout(() => reject(new Error('the watched text never appeared')), timeout));
    await Promise.race([watch.done, late]);
    const posted = bench.posts.find((t) => t >= watch.inputAt) ?? NaN;
    const answered = bench.dones.filter((t) => t <= watch.found).pop() ?? NaN;
    return { inputAt: watch.inputAt, posted, answered, found: watch.found, painted: watch.painted };
  }, timeout);
}

/** A watched change split into its parts, in ms: input → request posted to
 *  the worker, posted → answer back, answer → painted, and the total. */
export function phases(seen) {
  return {
    page: seen.posted - seen.inputAt,
    worker: seen.answered - seen.posted,
    paint: seen.painted - seen.answered,
    total: seen.painted - seen.inputAt,
  };
}

/** The worker's own time for the latest evaluation, read from the status
 *  line ("Evaluated flake.nix in 12 ms"), once it says so. */
export async function workerMillis(page, timeout = 15_000) {
  const handle = await page.waitForFunction(() => {
    const status = document.querySelector('[data-testid=status]');
    const m = status && /^Evaluated .* in (\d+) ms$/.exec(status.textContent);
    return m ? [Number(m[1])] : null; // an array: 0 ms is falsy
  }, null, { timeout });
  return (await handle.jsonValue())[0];
}

/** Replaces the editor's text as a paste would (one input event) and waits
 *  for `selector` to hold `text`. Runs in the page, so 1,000 rounds are cheap. */
export async function editAndWait(page, source, selector, text, timeout = 15_000) {
  await page.evaluate(async ([source, selector, text, timeout]) => {
    const area = document.querySelector('[data-testid=editor]');
    area.value = source;
    area.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
    const started = performance.now();
    for (;;) {
      const el = document.querySelector(selector);
      if (el && el.textContent.includes(text)) return;
      if (performance.now() - started > timeout) throw new Error(`${selector} never held ${text}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }, [source, selector, text, timeout]);
}
