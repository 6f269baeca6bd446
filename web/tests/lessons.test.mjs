// The worker judges a lesson step's checks (PageMessage::Check) on the
// files of its last evaluation, with the judges written in Nix, which it
// has once the extra nixpkgs files are mounted (before, the answer is an
// error). The port exercise of the flake-modules course (from the bundle
// in dist/lessons/) fails on its starting files and passes on its
// solution, as `nixpen lesson check` says. (The lesson panel that will
// send these messages is not built yet: this test talks to a worker of its
// own, started as the page's runner starts one.)
import { assert, assertNoConsoleErrors, openPlayground } from './helpers.mjs';

/** In the page: a worker of the page's wasm, and `window.nixpenTest`:
 *  `eval(files, entry)` and `check(step)`, each resolving with the answer
 *  (`Done`'s response, `Checked`'s `verdicts_json`), `loadExtras()`, which
 *  asks for the extra files as the page does after its first answer, and
 *  `extras`, which resolves when the worker has mounted them. */
async function startWorker(page) {
  await page.evaluate(async () => {
    const tag = document.querySelector('script[data-js][data-wasm]');
    const glue = new URL(tag.dataset.js, location.href).href;
    const module = await WebAssembly.compileStreaming(fetch(tag.dataset.wasm));
    const worker = new Worker('./worker-loader.js', { type: 'module', name: glue });
    const waiting = new Map();
    let id = 0;
    let extrasLoaded;
    const extras = new Promise((resolve) => { extrasLoaded = resolve; });
    const ready = new Promise((resolve) => {
      worker.onmessage = ({ data }) => {
        if (data === 'Ready') resolve();
        else if (data === 'ExtrasLoaded') extrasLoaded();
        else if (data?.Done) waiting.get(data.Done.id)?.(data.Done);
        else if (data?.Checked) waiting.get(data.Checked.id)?.(data.Checked.verdicts_json);
      };
    });
    worker.postMessage(module);
    await ready;
    const ask = (message, requestId) => new Promise((resolve) => {
      waiting.set(requestId, resolve);
      worker.postMessage(message);
    });
    window.nixpenTest = {
      extras,
      loadExtras: () => worker.postMessage('LoadExtras'),
      eval: (files, entry) => { id += 1; return ask({ Eval: { id, files, entry, overrides: null } }, id); },
      check: (step) => { id += 1; return ask({ Check: { id, step_json: JSON.stringify(step) } }, id); },
    };
  });
}

/** Evaluates `files`, then judges `step`'s checks on them: the verdicts. */
async function judge(page, files, step) {
  const answer = await page.evaluate(async ({ files, step }) => {
    await window.nixpenTest.eval(files, step.entry);
    return window.nixpenTest.check(step);
  }, { files, step });
  assert(answer.Ok !== undefined, `the checks could not be judged: ${JSON.stringify(answer)}`);
  return JSON.parse(answer.Ok);
}

export const tests = [
  {
    name: 'the worker judges the port exercise: its start fails, its solution passes',
    timeout: 60_000,
    async run(ctx) {
      const page = await ctx.newPage();
      await openPlayground(ctx, page);
      const course = await page.evaluate(async () => (await fetch('lessons/flake-modules.json')).json());
      const step = course.steps.find((s) => s.id === '07-port');
      await startWorker(page);
      // Right after the first answer, the judges are not there yet.
      const early = await page.evaluate(async (step) => {
        await window.nixpenTest.eval(step.start, step.entry);
        return window.nixpenTest.check(step);
      }, step);
      assert(early.Err?.includes('lesson-checks.nix'), `a check before the extra files: ${JSON.stringify(early)}`);
      await page.evaluate(() => { window.nixpenTest.loadExtras(); return window.nixpenTest.extras; });
      const start = await judge(page, step.start, step);
      assert(start.length === step.checks.length, `${start.length} verdicts for ${step.checks.length} checks`);
      const failed = start.filter((v) => !v.passed);
      assert(failed.length > 0, `the starting files pass every check: ${JSON.stringify(start)}`);
      assert(failed.every((v) => typeof v.detail === 'string' && v.detail !== ''), `a failure without detail: ${JSON.stringify(start)}`);
      const solution = await judge(page, step.solution, step);
      assert(solution.every((v) => v.passed), `the solution fails: ${JSON.stringify(solution)}`);
      // An error is judged with its position in the playground.
      const broken = [{ name: 'configuration.nix', text: '{ pkgs, ... }:\n{\n  networking.hostName = nope;\n}\n' }];
      const checks = [
        { label: '', test: { error: { contains: "undefined variable 'nope'", file: 'configuration.nix', line: 3, column: 25 } } },
        { label: '', test: 'evaluates' },
      ];
      const errors = await judge(page, broken, { entry: 'configuration.nix', checks });
      assert(errors[0].passed, `the error check fails: ${JSON.stringify(errors)}`);
      assert(
        errors[1].detail === "evaluation fails: undefined variable 'nope' (configuration.nix, line 3, column 25)",
        `evaluates: ${JSON.stringify(errors[1])}`,
      );
      assertNoConsoleErrors(ctx);
    },
  },
];
