// The walking skeleton (issue 2): load, evaluate, error with position and
// stale value, persistence across reloads.
import {
  assert, assertNoConsoleErrors, openExpression, openPlayground, setSource, valueText, waitForError, waitForEvaluated, waitForValue,
} from './helpers.mjs';

/** Types `source` into a fresh page's expression editor and waits for `expected`. */
async function expressionShows(ctx, source, expected) {
  const page = await ctx.newPage();
  await openExpression(ctx, page);
  await setSource(page, source);
  await waitForValue(page, expected);
  assertNoConsoleErrors(ctx);
}

export const tests = [
  {
    name: 'first paint says the evaluator is loading, before any wasm runs',
    async run(ctx) {
      const page = await ctx.newPage({ javaScriptEnabled: false });
      await page.goto(ctx.url);
      const text = await page.locator('#app').textContent();
      assert(text.includes('Loading the Nix evaluator'), `first paint reads ${JSON.stringify(text)}`);
    },
  },
  {
    name: 'page loads with no console errors',
    async run(ctx) {
      const page = await ctx.newPage();
      await openPlayground(ctx, page);
      await page.waitForTimeout(500); // let late errors (service worker, preloads) surface
      assertNoConsoleErrors(ctx);
    },
  },
  {
    name: 'typing { a = 1 + 2; } shows { a = 3; }',
    run: (ctx) => expressionShows(ctx, '{ a = 1 + 2; }', '{ a = 3; }'),
  },
  {
    name: 'typing { a = ; } shows the error with line and column and keeps the last good value',
    async run(ctx) {
      const page = await ctx.newPage();
      await openExpression(ctx, page);
      await setSource(page, '{ a = 1 + 2; }');
      await waitForValue(page, '{ a = 3; }');
      await setSource(page, '{ a = ; }');
      const where = await waitForError(page);
      assert(/:1:7$/.test(where), `error position reads ${JSON.stringify(where)}, expected line 1 column 7`);
      const rendered = await page.locator('[data-testid=error]').textContent();
      assert(rendered.includes('error:'), `error text reads ${JSON.stringify(rendered)}`);
      assert(await page.locator('[data-testid=stale]').isVisible(), 'the value is not marked stale');
      assert((await valueText(page)) === '{ a = 3; }', `the last good value is gone: ${await valueText(page)}`);
      assertNoConsoleErrors(ctx);
    },
  },
  {
    // In the browser's wasm float text is read by the JS engine's parseFloat.
    name: 'float literals, fromJSON and fromTOML numbers read as natively',
    run: (ctx) => expressionShows(
      ctx,
      '{ a = 1.5; b = builtins.fromJSON "[2.25e1, 0.1]"; c = (builtins.fromTOML "x = 0.1").x; d = 0.1 + 0.2 == 0.30000000000000004; e = builtins.fromJSON "4.9e-324" > 0; f = .5e1; }',
      '{ a = 1.5; b = [ 22.5 0.1 ]; c = 0.1; d = true; e = true; f = 5; }',
    ),
  },
  {
    name: 'reloading keeps what was typed',
    async run(ctx) {
      const page = await ctx.newPage();
      await openExpression(ctx, page);
      const source = '{ kept = "across reloads"; n = 6 * 7; }';
      await setSource(page, source);
      await waitForValue(page, '{ kept = "across reloads"; n = 42; }');
      await page.reload();
      await page.waitForSelector('[data-testid=editor]');
      const text = await page.locator('[data-testid=editor]').inputValue();
      assert(text === source, `after reload the editor holds ${JSON.stringify(text)}`);
      await waitForEvaluated(page);
      await waitForValue(page, '{ kept = "across reloads"; n = 42; }');
      assertNoConsoleErrors(ctx);
    },
  },
];
