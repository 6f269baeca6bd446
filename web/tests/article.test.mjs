// The tutorial's flakes in the playground (issue 6): the default example's
// unit and virtual host, and the options form that changes them through a
// generated override module.
import { execFileSync } from 'node:child_process';
import { assert, assertNoConsoleErrors, openPlayground, shareFragment, waitForEvaluated } from './helpers.mjs';

const GOHELLO = 'xeserv.services.gohello';
const VHOST = 'gohello.local.cetacean.club';

/** The names listed in the systemd units tab. */
async function unitNames(page) {
  await page.click('[data-testid=tab-units]');
  return page.locator('[data-testid=units] .file-item').allTextContents();
}

/** The text of nginx.conf, or null when there is no nginx.conf tab. */
async function nginxConf(page) {
  const tab = page.locator('[data-testid=tab-nginx]');
  if (!(await tab.count())) return null;
  await tab.click();
  return page.locator('[data-testid=nginx]').textContent();
}

/** Opens the Options tab and returns the field of option `name`. */
async function optionField(page, name) {
  await page.click('[data-testid=tab-options]');
  const field = page.locator(`[data-testid="option-${name}"]`);
  await field.waitFor();
  return field;
}

/** Waits until the page has evaluated again after an input (a status change). */
async function settle(page) {
  await page.waitForTimeout(200); // a burst of typing waits for a pause
  await waitForEvaluated(page);
}

/** The text of the /etc file `name`. */
async function etcFile(page, name) {
  await page.click('[data-testid=tab-etc]');
  await page.locator('[data-testid=etc] .file-item', { hasText: `/etc/${name}` }).click();
  return page.locator('[data-testid=etc] .file-text').textContent();
}

/** A module declaring options of several types, and an /etc file showing their values. */
const DEMO = `{ config, lib, ... }:
{
  options.demo = {
    names = lib.mkOption { type = lib.types.listOf lib.types.str; default = [ "a" ]; description = "Names."; };
    ports = lib.mkOption { type = lib.types.attrsOf lib.types.port; default = { }; description = "Ports by name."; };
    level = lib.mkOption { type = lib.types.enum [ "low" "high" ]; default = "low"; description = "A level."; };
    limit = lib.mkOption { type = lib.types.nullOr lib.types.int; default = null; description = "A limit."; };
  };
  config.environment.etc."demo.json".text = builtins.toJSON config.demo;
}
`;

/** Opens the playground (on the tutorial's final flake unless `path` says
 *  otherwise) and waits until the form's options have arrived too. */
async function open(ctx, page, path = '') {
  await openPlayground(ctx, page, path);
  await page.locator('[data-testid=tab-options]').waitFor();
}

/** Loads a tutorial step through the examples menu. */
async function loadStep(page, id) {
  await page.selectOption('[data-testid=examples]', id);
  await page.waitForFunction(() => /^Loaded/.test(document.querySelector('[data-testid=banner]')?.textContent ?? ''));
  await waitForEvaluated(page);
}

export const tests = [
  {
    name: 'the default example shows the gohello unit and virtual host, and downloads all rendered files',
    async run(ctx) {
      const page = await ctx.newPage();
      await open(ctx, page);
      const units = await unitNames(page);
      assert(units.includes('xeserv.gohello.service'), `units: ${units.join(', ')}`);
      const conf = await nginxConf(page);
      assert(conf && conf.includes(`server_name ${VHOST} ;`), `nginx.conf:\n${conf}`);

      // "Download all" saves the rendered files as a tar archive.
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=download-all]')]);
      assert(download.suggestedFilename() === 'container-rendered.tar', `file name ${download.suggestedFilename()}`);
      const listing = execFileSync('tar', ['-tf', await download.path()], { encoding: 'utf8' }).split('\n');
      for (const want of ['container/etc/systemd/system/xeserv.gohello.service', 'container/etc/nginx/nginx.conf']) {
        assert(listing.includes(want), `the archive lacks ${want}: ${listing.join(', ')}`);
      }
      const unit = execFileSync('tar', ['-xOf', await download.path(), 'container/etc/systemd/system/xeserv.gohello.service'],
        { encoding: 'utf8' });
      assert(unit.includes('DynamicUser=yes'), `the unit in the archive reads:\n${unit}`);
      assertNoConsoleErrors(ctx);
    },
  },
  {
    name: 'switching enable off in the form removes the unit and the virtual host, on brings them back',
    async run(ctx) {
      const page = await ctx.newPage();
      await open(ctx, page);
      const field = await optionField(page, `${GOHELLO}.enable`);
      const toggle = field.getByRole('switch');
      assert(await toggle.isChecked(), 'enable is not shown as on (the flake sets it to true)');
      assert((await page.locator('[data-testid=not-imported]').count()) === 0, 'the final flake imports its module');
      await toggle.click();
      await settle(page);
      const units = await unitNames(page);
      assert(!units.includes('xeserv.gohello.service'), `the unit is still there: ${units.join(', ')}`);
      const conf = await nginxConf(page);
      assert(conf !== null && !conf.includes(VHOST), `the virtual host is still there:\n${conf}`);

      // The override is a module of its own, shown read-only.
      await page.click('[data-testid=overrides-tab]');
      const module = await page.locator('[data-testid=editor]').inputValue();
      assert(module.includes(`${GOHELLO}.enable = lib.mkForce false;`), `overrides.nix reads:\n${module}`);
      assert(await page.locator('[data-testid=editor]').getAttribute('readonly') !== null, 'overrides.nix is editable');

      await (await optionField(page, `${GOHELLO}.enable`)).getByRole('switch').click();
      await settle(page);
      assert((await unitNames(page)).includes('xeserv.gohello.service'), 'the unit did not come back');
      assert((await nginxConf(page)).includes(`server_name ${VHOST} ;`), 'the virtual host did not come back');
      assertNoConsoleErrors(ctx);
    },
  },
  {
    name: 'editing domain in the form changes server_name; the override is shared and kept, and reset removes it',
    async run(ctx) {
      const page = await ctx.newPage();
      await open(ctx, page);
      const field = await optionField(page, `${GOHELLO}.domain`);
      assert((await field.locator('[data-testid=option-type]').textContent()) === 'string', 'domain is not a string');
      await field.getByRole('textbox').fill('hello.example.org');
      await settle(page);
      const conf = await nginxConf(page);
      assert(conf.includes('server_name hello.example.org ;'), `nginx.conf:\n${conf}`);
      assert(!conf.includes(VHOST), 'the old virtual host is still there');

      // The override travels in a share link…
      await page.click('[data-testid=share]');
      await page.waitForFunction(() => /#s=/.test(document.querySelector('[data-testid=share-link]')?.value ?? ''));
      const link = await page.locator('[data-testid=share-link]').inputValue();
      const fresh = await ctx.newPage();
      await fresh.goto(link);
      await waitForEvaluated(fresh);
      assert((await nginxConf(fresh)).includes('server_name hello.example.org ;'), 'the shared link lost the override');
      assert((await fresh.locator('[data-testid=overrides-tab]').count()) === 1, 'the shared page shows no overrides.nix');

      // …survives a reload, and "Reset all" removes it.
      await page.reload();
      await waitForEvaluated(page);
      assert((await nginxConf(page)).includes('server_name hello.example.org ;'), 'the override was lost on reload');
      await page.click('[data-testid=tab-options]');
      await page.click('[data-testid=reset-options]');
      await settle(page);
      assert((await nginxConf(page)).includes(`server_name ${VHOST} ;`), 'reset did not bring the default back');
      assert((await page.locator('[data-testid=overrides-tab]').count()) === 0, 'overrides.nix is still shown');
      assertNoConsoleErrors(ctx);
    },
  },
  {
    name: "a port of 70000 in the exercise step shows NixOS's type error",
    async run(ctx) {
      const page = await ctx.newPage();
      await open(ctx, page);
      await loadStep(page, '6-exercise-port');
      const field = await optionField(page, `${GOHELLO}.port`);
      const input = field.getByRole('spinbutton');
      assert((await input.getAttribute('max')) === '65535', 'the number input does not carry the type\'s bound');
      await input.fill('70000');
      const error = page.locator('[data-testid=error]');
      await error.waitFor();
      const text = await error.textContent();
      const expected = `A definition for option \`${GOHELLO}.port' is not of type \`16 bit unsigned integer; between 0 and 65535 (both inclusive)'`;
      assert(text.includes(expected), `the error reads:\n${text}`);
      assert(text.includes('70000'), 'the error does not show the value');
      assert((await field.locator('.option-error').count()) === 1, 'the field does not show the error');
      await input.fill('8080');
      await error.waitFor({ state: 'detached' });
      const conf = await nginxConf(page);
      assert(conf.includes('proxy_pass http://127.0.0.1:8080;'), `nginx.conf:\n${conf}`);
      assertNoConsoleErrors(ctx);
    },
  },
  {
    name: 'the form lists the option the module template declares',
    async run(ctx) {
      const page = await ctx.newPage();
      await open(ctx, page);
      await loadStep(page, '2-module-template');
      const field = await optionField(page, `${GOHELLO}.enable`);
      assert((await field.locator('[data-testid=option-type]').textContent()) === 'boolean', 'enable is not a boolean');
      assert((await field.locator('[data-testid=option-default]').textContent()) === 'false', 'its default is not false');
      assert(!(await field.getByRole('switch').isChecked()), 'enable is shown as on');
      const label = await page.locator(`label[for="${await field.getByRole('switch').getAttribute('id')}"]`).textContent();
      assert(label === `${GOHELLO}.enable`, `the switch is labelled ${JSON.stringify(label)}`);
      assert((await page.locator('[data-testid^="option-"][data-testid$="port"]').count()) === 0, 'a port option appears');
      // The container does not import the module yet: the form says so, and
      // setting the option gives NixOS's own error.
      assert(await page.locator('[data-testid=not-imported]').isVisible(), 'no note that the module is not imported');
      await field.getByRole('switch').click();
      const error = page.locator('[data-testid=error]');
      await error.waitFor();
      const text = await error.textContent();
      // (the module system names the first undeclared prefix, as NixOS does)
      assert(text.includes("The option `xeserv' does not exist. Definition values:"), `the error reads:\n${text}`);
      assert(text.includes("- In `/form/overrides.nix'"), `the error does not name overrides.nix:\n${text}`);
      assertNoConsoleErrors(ctx);
    },
  },
  {
    name: 'the form edits lists, attribute sets, enums and nullable values',
    async run(ctx) {
      const page = await ctx.newPage();
      await open(ctx, page, '#' + await shareFragment([['configuration.nix', DEMO]]));
      assert((await etcFile(page, 'demo.json')) === '{"level":"low","limit":null,"names":["a"],"ports":{}}', 'unexpected start');
      const names = await optionField(page, 'demo.names');
      await names.getByRole('button', { name: 'Add an element' }).click();
      await names.getByRole('textbox', { name: 'demo.names, element 2' }).fill('b');
      const ports = page.locator('[data-testid="option-demo.ports"]');
      await ports.getByRole('button', { name: 'Add an attribute' }).click();
      await ports.getByRole('textbox', { name: 'demo.ports, name of attribute 1' }).fill('web');
      await ports.getByRole('textbox', { name: 'demo.ports, name of attribute 1' }).press('Tab');
      await ports.getByRole('spinbutton', { name: 'demo.ports, value of web' }).fill('8080');
      await page.locator('[data-testid="option-demo.level"] select').selectOption('high');
      const limit = page.locator('[data-testid="option-demo.limit"]');
      await limit.getByRole('button', { name: 'Set demo.limit to a value' }).click();
      await limit.getByRole('spinbutton').fill('5');
      await settle(page);
      const json = await etcFile(page, 'demo.json');
      assert(json === '{"level":"high","limit":5,"names":["a","b"],"ports":{"web":8080}}', `demo.json reads ${json}`);
      await page.click('[data-testid=overrides-tab]');
      const module = await page.locator('[data-testid=editor]').inputValue();
      assert(module.includes('demo.ports = lib.mkForce {\n    web = 8080;\n  };'), `overrides.nix reads:\n${module}`);
      await (await optionField(page, 'demo.limit')).getByRole('button', { name: 'Clear demo.limit (set it to null)' }).click();
      await settle(page);
      assert((await etcFile(page, 'demo.json')).includes('"limit":null'), 'clearing did not give null');
      // "Reset" on one option drops its override only.
      await (await optionField(page, 'demo.names')).getByRole('button', { name: 'Reset demo.names' }).click();
      await settle(page);
      const reset = await etcFile(page, 'demo.json');
      assert(reset === '{"level":"high","limit":null,"names":["a"],"ports":{"web":8080}}', `after reset: ${reset}`);
      assertNoConsoleErrors(ctx);
    },
  },
  {
    name: 'the config tab shows the whole config as a tree, opened one level at a time, errors as text',
    async run(ctx) {
      const page = await ctx.newPage();
      const module = `{ lib, ... }: {
  options.demo.broken = lib.mkOption { type = lib.types.str; default = throw "nobody set demo.broken"; };
  config.services.nginx.enable = true;
}
`;
      await open(ctx, page, '#' + await shareFragment([['configuration.nix', module]]));
      await page.click('[data-testid=tab-config]');
      const tree = page.locator('[data-testid=config-tree]');
      const node = (path) => tree.locator(`li[data-path="${path}"]`);
      const toggle = (path) => node(path).locator(':scope > .tree-toggle');
      for (const path of ['services', 'services.nginx']) {
        await toggle(path).click();
        assert((await toggle(path).getAttribute('aria-expanded')) === 'true', `${path} did not open`);
      }
      const enable = await node('services.nginx.enable').locator('.tree-value').textContent();
      assert(enable === 'true', `services.nginx.enable reads ${enable}`);
      await toggle('demo').click();
      const broken = node('demo.broken');
      await broken.waitFor();
      assert((await broken.getAttribute('class'))?.includes('tree-error'), 'the failing value is not marked');
      assert((await broken.textContent()).includes('error'), `demo.broken reads ${await broken.textContent()}`);
      assert((await page.locator('[data-testid=error]').count()) === 0, 'the failing value broke the evaluation');
      await broken.getByRole('button', { name: 'Show the error' }).click();
      await broken.locator('pre', { hasText: 'nobody set demo.broken' }).waitFor();

      // Opened levels are read again from the new configuration after an edit.
      const field = await optionField(page, 'demo.broken');
      await field.getByRole('textbox').fill('fixed');
      await settle(page);
      await page.click('[data-testid=tab-config]');
      await page.waitForFunction(() =>
        document.querySelector('[data-path="demo.broken"] .tree-value')?.textContent === '"fixed"');
      assertNoConsoleErrors(ctx);
    },
  },
  {
    name: 'a shared configuration that needs the files loaded after first outputs renders once they are in',
    async run(ctx) {
      // openssh and the option index are among the files the worker fetches
      // after its first answer (crates/nixos/nixpkgs-extra): a link opened
      // cold may first answer provisionally, then renders in full.
      const page = await ctx.newPage();
      const module = '{ services.openssh.enable = true; services.caddy.enable = true; system.stateVersion = "25.05"; }';
      await openPlayground(ctx, page, '#' + await shareFragment([['configuration.nix', module]]));
      // (Until they are in, the page says it is loading them.)
      // (A synchronous predicate: an async one returns a promise, which is
      // truthy at once.)
      await page.waitForFunction(() => {
        document.querySelector('[data-testid=tab-units]')?.click();
        const names = [...document.querySelectorAll('[data-testid=units] .file-item')].map((b) => b.textContent);
        return names.includes('sshd.service');
      }, null, { timeout: 30_000 });
      assert((await page.locator('[data-testid=provisional]').count()) === 0, 'still marked provisional');
      await page.click('[data-testid=tab-warnings]');
      const warnings = await page.locator('[data-testid=warnings]').textContent();
      assert(warnings.includes('services.caddy.enable') && warnings.includes('does not model'), `warnings: ${warnings}`);
      assertNoConsoleErrors(ctx);
    },
  },
];
