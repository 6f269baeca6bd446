// The playground proper (issue 6): files in tabs, examples, share links,
// the embed view, the time budget, themes, offline use, safety of text.
import {
  assert, assertNoConsoleErrors, openExpression, openPlayground, setSource, shareFragment, valueText, waitForError,
  waitForEvaluated, waitForValue,
} from './helpers.mjs';

export const tests = [
  {
    name: 'a share link round-trips in a fresh browser context',
    async run(ctx) {
      const page = await ctx.newPage();
      await openExpression(ctx, page);
      const source = '{ shared = "yes"; list = [ 1 2 ]; }';
      await setSource(page, source);
      await waitForValue(page, '{ list = [ 1 2 ]; shared = "yes"; }');
      await page.click('[data-testid=share]');
      // (The browser deflates the files asynchronously.)
      await page.waitForFunction(() => /#s=/.test(document.querySelector('[data-testid=share-link]')?.value ?? ''));
      const link = await page.locator('[data-testid=share-link]').inputValue();
      assert(/#s=[A-Za-z0-9_-]+$/.test(link), `share link looks wrong: ${link}`);
      const fresh = await ctx.newPage();
      await fresh.goto(link);
      await fresh.waitForSelector('[data-testid=editor]');
      const text = await fresh.locator('[data-testid=editor]').inputValue();
      assert(text === source, `the shared page holds ${JSON.stringify(text)}`);
      await waitForValue(fresh, '{ list = [ 1 2 ]; shared = "yes"; }');
      assert(!(await fresh.evaluate(() => location.hash)), 'the fragment stays in the address bar after opening');
      assertNoConsoleErrors(ctx);
    },
  },
  {
    name: 'files in tabs import each other',
    async run(ctx) {
      const page = await ctx.newPage();
      const fragment = await shareFragment([['default.nix', 'import ./lib.nix + 1'], ['lib.nix', '41']]);
      await page.goto(`${ctx.url}#${fragment}`);
      await waitForValue(page, '42');
      await page.locator('[data-testid=file-tab]', { hasText: 'lib.nix' }).click();
      await setSource(page, '1');
      await waitForValue(page, '2');
      await page.click('[data-testid=add-file]');
      await page.locator('[data-testid=new-file-name]').fill('extra.nix');
      await page.keyboard.press('Enter');
      await setSource(page, '{ more = true; }');
      assert((await page.locator('[data-testid=file-tab]').count()) === 3, 'the new file has no tab');
      await page.reload();
      await page.waitForSelector('[data-testid=editor]'); // the app has rendered after the reload
      assert((await page.locator('[data-testid=file-tab]').count()) === 3, 'files are not kept across a reload');
      assertNoConsoleErrors(ctx);
    },
  },
  {
    name: 'the embed view renders with minimal chrome',
    async run(ctx) {
      const page = await ctx.newPage();
      const fragment = await shareFragment([['default.nix', '{ embedded = 1 + 1; }']]);
      await page.goto(`${ctx.url}?embed#${fragment}`);
      await waitForValue(page, '{ embedded = 2; }');
      assert((await page.locator('[data-testid=examples]').count()) === 0, 'the embed view shows the examples menu');
      await page.waitForFunction(() => /#s=/.test(document.querySelector('[data-testid=open-full]')?.getAttribute('href') ?? ''));
      const open = await page.locator('[data-testid=open-full]').getAttribute('href');
      assert(open.includes('#s='), `the "open in Nixpen" link carries no files: ${open}`);
      const saved = await page.evaluate(() => localStorage.getItem('nixpen.workspace.v1'));
      assert(saved === null, 'the embed view overwrote the saved playground');
      assertNoConsoleErrors(ctx);
    },
  },
  {
    name: 'markup in a shared file or a value is shown as text',
    async run(ctx) {
      const page = await ctx.newPage();
      let dialogs = 0;
      page.on('dialog', (dialog) => { dialogs++; dialog.dismiss(); });
      const evil = '<img src=x onerror=alert(1)>';
      const fragment = await shareFragment([['<b>x</b>.nix', 'y'], ['default.nix', `{ s = "${evil}"; }`]], 'default.nix');
      await page.goto(`${ctx.url}#${fragment}`);
      await waitForValue(page, `{ s = "${evil}"; }`);
      assert((await page.locator('img').count()) === 0, 'an <img> element was created');
      assert((await page.locator('b').count()) === 0, 'a <b> element was created from a file name');
      assert(dialogs === 0, 'a dialog was opened');
    },
  },
  {
    name: 'an endless evaluation is stopped without freezing the page',
    timeout: 40_000,
    async run(ctx) {
      const page = await ctx.newPage();
      await openExpression(ctx, page);
      await setSource(page, '{ ok = 1; }');
      await waitForValue(page, '{ ok = 1; }');
      await setSource(page, 'let xs = builtins.genList (x: x) 1000000000; in builtins.foldl\' (a: b: a + b) 0 xs');
      const notice = page.locator('[data-testid=notice], [data-testid=error]');
      await notice.first().waitFor({ timeout: 8_000 });
      const started = Date.now();
      await page.evaluate(() => 1 + 1); // the page's main thread answers
      assert(Date.now() - started < 1000, 'the page is frozen');
      assert((await valueText(page)) === '{ ok = 1; }', 'the last good value is gone');
      await setSource(page, '{ after = "stop"; }');
      await waitForValue(page, '{ after = "stop"; }', 15_000);
      await setSource(page, 'let f = x: f x; in f 1');
      await notice.first().waitFor({ timeout: 8_000 });
      await setSource(page, '{ again = true; }');
      await waitForValue(page, '{ again = true; }', 15_000);
      assertNoConsoleErrors(ctx);
    },
  },
  {
    name: 'the examples menu loads a tutorial step, and the previous files can be restored',
    async run(ctx) {
      const page = await ctx.newPage();
      await openExpression(ctx, page);
      await setSource(page, '{ mine = 1; }');
      await waitForValue(page, '{ mine = 1; }');
      await page.selectOption('[data-testid=examples]', '2-module-template');
      await page.waitForFunction(() => document.querySelector('[data-testid=editor]').value.includes('mkEnableOption'));
      await page.click('[data-testid=restore]');
      await page.waitForFunction(() => document.querySelector('[data-testid=editor]').value === '{ mine = 1; }');
      assertNoConsoleErrors(ctx);
    },
  },
  {
    name: 'the theme follows the system and can be switched',
    async run(ctx) {
      const page = await ctx.newPage({ colorScheme: 'dark' });
      await openPlayground(ctx, page);
      const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      const dark = await bg();
      await page.click('[data-testid=theme]'); // system → light
      const light = await bg();
      assert(dark !== light, `switching to light changed nothing (${dark})`);
      await page.click('[data-testid=theme]'); // light → dark
      assert((await bg()) === dark, 'switching to dark does not give the dark background');
      await page.reload();
      await page.waitForSelector('[data-testid=theme]');
      const label = await page.locator('[data-testid=theme]').textContent();
      assert(label.includes('dark'), `the choice is not remembered: ${label}`);
      assertNoConsoleErrors(ctx);
    },
  },
  {
    name: 'after one visit the playground loads and evaluates offline',
    async run(ctx) {
      const context = await ctx.browser.newContext({ serviceWorkers: 'allow' });
      const page = await ctx.pageIn(context);
      try {
        await openExpression(ctx, page);
        await page.evaluate(async () => { await navigator.serviceWorker.ready; });
        await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 10_000 });
        await context.setOffline(true);
        await page.reload();
        await page.waitForSelector('[data-testid=editor]');
        await setSource(page, '{ offline = 6 * 7; }');
        await waitForValue(page, '{ offline = 42; }');
      } finally {
        await context.close();
      }
    },
  },
];
