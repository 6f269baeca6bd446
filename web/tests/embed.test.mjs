// Embeds in a blog post (issue 18): a plain HTML page on another site than
// the playground's includes embed.js; its `data-nixpen` blocks become
// playgrounds when the reader asks, show the output they name, report
// their height, and leave the page responsive.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assert, assertNoConsoleErrors, openPlayground, waitForEvaluated } from './helpers.mjs';
import { serve } from './server.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const BLOG = join(HERE, 'fixtures', 'blog.html');

/** Serves `html` as the index of a site of its own; the page names the
 *  playground `https://nixpen.example/`, replaced by the test's. The blog
 *  is reached as `localhost`, the playground as `127.0.0.1`: two sites,
 *  as a real post and the playground are. */
async function serveBlog(ctx, html) {
  const dir = await mkdtemp(join(tmpdir(), 'nixpen-blog-'));
  await writeFile(join(dir, 'index.html'), html.replaceAll('https://nixpen.example/', ctx.url));
  const site = await serve(dir);
  return {
    url: site.url.replace('127.0.0.1', 'localhost'),
    async close() {
      await site.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** The `n`th playground's frame, once its iframe is in the page. */
async function frameOf(page, n) {
  const handle = await page.locator('.nixpen-embed iframe').nth(n).elementHandle();
  return handle.contentFrame();
}

/** Waits until the playground of `frame` shows outputs (or an error);
 *  fails if it was stopped instead (a notice). */
async function outputsShown(frame, timeout = 20_000) {
  await frame.waitForSelector('.output-tabs, .outputs .error, .outputs .notice', { timeout });
  const notice = frame.locator('.outputs .notice');
  if (await notice.count()) throw new Error(`the playground in ${frame.url().slice(0, 60)}… says: ${await notice.textContent()}`);
}

/** A page of `count` one-module playgrounds, each with its own service. */
function manyBlocks(count) {
  const blocks = Array.from({ length: count }, (_, i) =>
    `<p>Snippet ${i + 1}.</p>\n<pre data-nixpen>{ systemd.services.s${i + 1} = { wantedBy = [ "multi-user.target" ]; script = "echo ${i + 1}"; }; }\n</pre>`);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Five snippets</title></head><body>
${blocks.join('\n')}
<script src="https://nixpen.example/embed.js" defer></script></body></html>`;
}

export const tests = [
  {
    name: 'embed: a blog post\'s three blocks become playgrounds showing what they name',
    timeout: 120_000,
    async run(ctx) {
      const blog = await serveBlog(ctx, await readFile(BLOG, 'utf8'));
      try {
        const page = await ctx.newPage({ viewport: { width: 1280, height: 800 } });
        await page.goto(blog.url);
        const boxes = page.locator('.nixpen-embed');
        await boxes.first().waitFor();
        assert((await boxes.count()) === 3, `expected 3 playgrounds (one a group of two files), found ${await boxes.count()}`);
        assert((await page.locator('iframe').count()) === 0, 'an iframe was loaded before a reader asked for it');
        assert((await boxes.nth(1).locator('.nixpen-file').allTextContents()).join() === 'configuration.nix,app.nix',
          'the two-file group does not show its files\' names');

        // The first one alone, timed from the click to its outputs.
        const clicked = Date.now();
        await boxes.nth(0).getByRole('button', { name: 'Run in Nixpen' }).click();
        const first = await frameOf(page, 0);
        await outputsShown(first);
        const coldMs = Date.now() - clicked;
        const started = Date.now();
        await boxes.nth(1).getByRole('button').click();
        await boxes.nth(2).getByRole('button').click();
        const [group, nginx] = [await frameOf(page, 1), await frameOf(page, 2)];
        await outputsShown(group);
        await outputsShown(nginx);
        console.log(`     click to outputs: first embed ${coldMs} ms (empty cache), two more ${Date.now() - started} ms`);

        // The module: its own unit is listed first and shown.
        const unit = first.locator('[data-testid=units] .file-item.selected');
        await unit.waitFor();
        assert(/hello\.service$/.test(await unit.textContent()), `the first embed shows ${await unit.textContent()}, not hello.service`);
        const unitText = await first.locator('[data-testid=units] .file-text').textContent();
        assert(unitText.includes('Description=Say hello at boot'), `hello.service reads:\n${unitText}`);
        assert(await first.locator('[data-testid=editor]').isVisible(), 'the editable embed has no editor');

        // The group: both files were evaluated together.
        await group.locator('[data-testid=units] .file-item', { hasText: 'myapp.service' }).waitFor();
        assert((await group.locator('.tab-item').allTextContents()).some((t) => t.includes('app.nix')),
          'the group\'s playground has no app.nix tab');

        // The read-only one: nginx.conf first, no editor.
        // (Its first render may be the provisional one, before the rest of
        // NixOS's modules are loaded; the virtual host comes with the next.)
        await nginx.waitForFunction(() => /server_name blog\.example\.org ;/.test(document.querySelector('[data-testid=nginx]')?.textContent), null, { timeout: 20_000 })
          .catch(async () => { throw new Error(`nginx.conf has no server_name blog.example.org (its server_name lines: ${(await nginx.locator("[data-testid=nginx]").textContent()).split("\n").filter((l) => l.includes("server_name")).join(" / ") || "none"})`); });
        assert((await nginx.locator('[data-testid=tab-nginx]').getAttribute('aria-selected')) === 'true', 'nginx.conf is not the tab shown');
        assert(!(await nginx.locator('[data-testid=editor]').isVisible()) && !(await nginx.locator('.pane-switch').isVisible()),
          'the read-only embed shows an editor');
        const widths = await nginx.evaluate(() => [document.querySelector('.output-pane').getBoundingClientRect().width, document.body.clientWidth]);
        assert(widths[0] >= widths[1] - 1, `the read-only embed's outputs are ${widths[0]} px wide, not the page's ${widths[1]} px`);
        assert((await nginx.locator('[data-testid=open-full]').count()) === 1, 'the read-only embed has no "Open in Nixpen" link');
        // data-theme="dark": the playground is dark whatever the reader's system says.
        assert((await nginx.evaluate(() => document.documentElement.dataset.theme)) === 'dark', 'the dark embed is not dark');
        assert((await first.evaluate(() => document.documentElement.dataset.theme)) === undefined, 'an embed without data-theme has a theme set');

        // Each iframe becomes as tall as its content (the height it reported).
        for (const [n, frame] of [first, group, nginx].entries()) {
          let content = 0;
          let box = 0;
          for (let tries = 0; tries < 50; tries++) {
            content = await frame.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
            box = await page.locator('.nixpen-embed iframe').nth(n).evaluate((el) => el.getBoundingClientRect().height);
            if (Math.abs(content - box) <= 1) break;
            await page.waitForTimeout(100);
          }
          assert(Math.abs(content - box) <= 1, `iframe ${n + 1} is ${box} px tall, its content ${content} px`);
        }

        // "Open in Nixpen" carries the files to the full playground.
        const href = await group.locator('[data-testid=open-full]').getAttribute('href');
        assert(href.startsWith(ctx.url) && href.includes('#s=') && !href.includes('embed'), `"Open in Nixpen" links to ${href}`);
        const full = await ctx.newPage();
        await full.goto(href);
        await waitForEvaluated(full, 20_000);
        await full.locator('[data-testid=units] .file-item', { hasText: 'myapp.service' }).waitFor();
        assert((await full.locator('[data-testid=examples]').count()) === 1, 'the link opened the embed view, not the full playground');
        assertNoConsoleErrors(ctx);
      } finally {
        await blog.close();
      }
    },
  },
  {
    name: 'embed: the share panel\'s script code, pasted in a page, is the same playground',
    timeout: 90_000,
    async run(ctx) {
      const page = await ctx.newPage();
      await openPlayground(ctx, page); // the tutorial's final flake
      // The user's own unit is shown once the page knows which are theirs.
      const unit = 'xeserv.gohello.service';
      await page.locator('[data-testid=units] .file-item.selected', { hasText: unit }).waitFor();
      const source = await page.locator('[data-testid=editor]').inputValue();
      await page.click('[data-testid=share]');
      const code = await page.locator('[data-testid=share-script]').inputValue();
      assert(code.includes(`<script src="${ctx.url}embed.js" defer></script>`), `the script code does not include embed.js:\n${code}`);
      assert(code.includes('data-nixpen-file="flake.nix"'), `the script code does not name flake.nix:\n${code}`);
      assert((await page.locator('[data-testid=share-embed]').inputValue()).startsWith('<iframe'), 'the iframe code is gone');
      const blog = await serveBlog(ctx, `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Pasted</title></head><body>\n${code}\n</body></html>`);
      try {
        const post = await ctx.newPage();
        await post.goto(blog.url);
        await post.getByRole('button', { name: 'Run in Nixpen' }).click();
        const frame = await frameOf(post, 0);
        await outputsShown(frame);
        const shown = frame.locator('[data-testid=units] .file-item.selected');
        await frame.locator('[data-testid=units] .file-item.selected', { hasText: unit }).waitFor()
          .catch(async () => { throw new Error(`the pasted playground shows ${await shown.textContent()}, not ${unit}`); });
        const text = await frame.locator('[data-testid=editor]').inputValue();
        assert(text === source, `the pasted playground's flake.nix differs from the playground's:\n${text}`);
        assertNoConsoleErrors(ctx);
      } finally {
        await blog.close();
      }
    },
  },
  {
    name: 'embed: a page with five started playgrounds still answers within 100 ms',
    timeout: 120_000,
    async run(ctx) {
      const blog = await serveBlog(ctx, manyBlocks(5));
      try {
        const page = await ctx.newPage();
        await page.goto(blog.url);
        await page.locator('.nixpen-embed button').first().waitFor();
        assert((await page.locator('.nixpen-embed button').count()) === 5, 'expected five playgrounds');
        // Probes of the page while the five start: real key presses (the
        // delay from the input to its handler is how long a reader waits
        // for an answer), the page's long tasks, and a timer every 10 ms
        // (its lateness also counts the time the machine gave other work).
        await page.evaluate(() => {
          const probe = { input: [], long: [], late: [] };
          window.__probe = probe;
          addEventListener('keydown', (event) => probe.input.push(performance.now() - event.timeStamp));
          new PerformanceObserver((list) => { for (const e of list.getEntries()) probe.long.push(e.duration); })
            .observe({ type: 'longtask' });
          let due = performance.now() + 10;
          const tick = () => {
            const now = performance.now();
            probe.late.push(now - due);
            due = now + 10;
            if (!window.__stop) setTimeout(tick, 10);
          };
          setTimeout(tick, 10);
        });
        let probing = true;
        const keys = (async () => {
          while (probing) {
            await page.keyboard.press('Shift');
            await page.waitForTimeout(40);
          }
        })().catch((error) => { if (probing) throw error; });
        const started = Date.now();
        const shown = [];
        try {
          await page.evaluate(() => { for (const b of document.querySelectorAll('.nixpen-embed button')) b.click(); });
          for (let n = 0; n < 5; n++) {
            await outputsShown(await frameOf(page, n), 30_000);
            shown.push(Date.now() - started);
          }
          // Keep probing while the iframes settle (heights, the form's options).
          await page.waitForTimeout(1000);
        } finally {
          probing = false;
          await keys;
        }
        const allMs = shown.join(', ');
        const probe = await page.evaluate(() => { window.__stop = true; return window.__probe; });
        const max = (list) => (list.length ? Math.max(...list) : 0).toFixed(0);
        const p90 = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length * 0.9)].toFixed(0);
        console.log(`     five playgrounds (started in turn): outputs after ${allMs} ms; in the page: key press delay ` +
          `p90 ${p90(probe.input)} ms, worst ${max(probe.input)} ms over ${probe.input.length} presses, longest task ` +
          `${max(probe.long)} ms (${probe.long.length} over 50 ms), worst timer lateness ${max(probe.late)} ms over ${probe.late.length} ticks`);
        assert(probe.input.length > 20, `only ${probe.input.length} key presses reached the page`);
        // The page's own work never holds it for 100 ms; the key presses
        // are answered within 100 ms but for the odd one the machine
        // itself kept waiting (a shared machine's other processes).
        assert(max(probe.long) < 100, `the page was busy for ${max(probe.long)} ms at once while five playgrounds started`);
        assert(p90(probe.input) < 100, `the page took over ${p90(probe.input)} ms to answer one key press in ten while five playgrounds started`);
        assertNoConsoleErrors(ctx);
      } finally {
        await blog.close();
      }
    },
  },
];
