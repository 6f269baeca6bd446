// The learner's path through the playground (issue 20): each numbered
// finding of the issue, checked at a laptop's size (1366×800) and a
// phone's (390×844). On the phone the editor and the outputs take turns
// (showPane).
import {
  assert, assertNoConsoleErrors, openPlayground, shareFragment, showPane, waitForEvaluated,
} from './helpers.mjs';

const SIZES = [{ width: 1366, height: 800 }, { width: 390, height: 844 }];

/** A NixOS configuration as a learner pastes it (options Nixpen models). */
const CONFIGURATION = `# Edit this configuration file to define what should be installed on
# your system. Help is available in the configuration.nix(5) man page.
{ config, pkgs, ... }:

{
  boot.isContainer = true;
  networking.hostName = "nixos"; # Define your hostname.
  time.timeZone = "Europe/Amsterdam";
  i18n.defaultLocale = "en_US.UTF-8";
  users.users.alice = {
    isNormalUser = true;
    extraGroups = [ "wheel" ];
  };
  environment.systemPackages = with pkgs; [ ];
  services.openssh.enable = true;
  services.nginx.enable = true;
  networking.firewall.allowedTCPPorts = [ 22 80 ];
  system.stateVersion = "24.05";
}
`;

/** A configuration.nix in the shape nixos-generate-config writes (kept in
 *  generated-configuration.nix): it imports the hardware scan, which is not
 *  pasted, and sets options Nixpen does not model. */
const GENERATED = (await import('node:fs/promises')).readFile(new URL('./generated-configuration.nix', import.meta.url), 'utf8');

/** The graphical installer's shape of it, with options Nixpen does not
 *  model (each named in a warning). */
const GENERATED_DESKTOP = (await import('node:fs/promises')).readFile(new URL('./generated-desktop.nix', import.meta.url), 'utf8');

/** A fresh page at `size` with the playground loaded. */
async function open(ctx, size, path = '') {
  const page = await ctx.newPage({ viewport: size });
  await openPlayground(ctx, page, path);
  return page;
}

/** Waits until the status line matches `pattern` (after a new evaluation). */
async function waitForStatus(page, pattern, timeout = 15_000) {
  await page.waitForFunction((source) => new RegExp(source).test(document.querySelector('[data-testid=status]')?.textContent ?? ''),
    pattern.source, { timeout });
}

/** The names in the units list (the user's first, then NixOS's own). */
async function unitNames(page) {
  await showPane(page, 'output');
  await page.click('[data-testid=tab-units]');
  return page.locator('[data-testid=units] .file-item').allTextContents();
}

/** Waits until the units list holds `name` (openssh, say, renders once the
 *  files the worker fetches after its first answer are in). */
async function waitForUnit(page, name) {
  await showPane(page, 'output');
  await page.waitForFunction((name) => {
    document.querySelector('[data-testid=tab-units]')?.click();
    return [...document.querySelectorAll('[data-testid=units] .file-item')].some((b) => b.textContent === name);
  }, name, { timeout: 20_000 });
}

/** Replaces the editor's text as a paste would. */
async function paste(page, text) {
  await showPane(page, 'code');
  await page.locator('[data-testid=editor]').fill(text);
}

/** Puts the caret just after `needle` in the editor's text. */
async function caretAfter(page, needle) {
  await page.evaluate((needle) => {
    const area = document.querySelector('[data-testid=editor]');
    const at = area.value.indexOf(needle);
    if (at < 0) throw new Error(`the editor does not hold ${needle}`);
    area.focus();
    area.setSelectionRange(at + needle.length, at + needle.length);
  }, needle);
}

/** The 1-based line of the caret, and whether that line is in view. */
async function caretLine(page) {
  return page.evaluate(() => {
    const area = document.querySelector('[data-testid=editor]');
    const line = area.value.slice(0, area.selectionStart).split('\n').length;
    const gutterLine = document.querySelectorAll('.gutter span')[line - 1].getBoundingClientRect();
    const view = document.querySelector('.editor').getBoundingClientRect();
    return {
      line, focused: document.activeElement === area,
      inView: gutterLine.top >= view.top && gutterLine.bottom <= view.bottom,
    };
  });
}

/** The error box's position text. */
async function errorPos(page) {
  await showPane(page, 'output');
  const pos = page.locator('[data-testid=error-pos]');
  await pos.waitFor();
  return pos.textContent();
}

const findings = [
  {
    name: '1. a pasted configuration is evaluated as one, whatever the tab; the kind can be overridden; files are added inline',
    async run(ctx, size) {
      const page = await open(ctx, size);
      let dialogs = 0;
      page.on('dialog', (dialog) => { dialogs++; dialog.dismiss(); });
      await paste(page, CONFIGURATION);
      await page.waitForFunction(() => document.querySelector('[data-testid=kind] option')?.textContent === 'NixOS configuration (detected)');
      await waitForStatus(page, /^Evaluated flake\.nix/);
      assert((await page.locator('[data-testid=error]').count()) === 0, 'the configuration gives an error');
      await waitForUnit(page, 'sshd.service');
      const units = await unitNames(page);
      assert(units.includes('sshd.service') && units.includes('nginx.service'), `units: ${units}`);
      assert(!units.some((u) => u.includes('gohello')), `the flake's units are still shown: ${units}`);
      assert((await page.locator('[data-testid=stale]').count()) === 0, 'outputs are marked stale');
      // Override: read as an expression, the module is a function, which
      // nix-instantiate --eval prints as <LAMBDA>.
      await showPane(page, 'code');
      await page.selectOption('[data-testid=kind]', 'expression');
      await showPane(page, 'output');
      await page.waitForFunction(() => document.querySelector('[data-testid=value]')?.textContent === '<LAMBDA>');
      assert((await page.locator('[data-testid=tab-units]').count()) === 0, 'read as an expression, units are still shown');
      await showPane(page, 'code');
      await page.selectOption('[data-testid=kind]', '');
      await waitForStatus(page, /^Evaluated/);
      assert((await unitNames(page)).includes('nginx.service'), 'back to the detected kind, no units');
      // Adding a file: an inline field, no prompt().
      await showPane(page, 'code');
      await page.click('[data-testid=add-file]');
      const field = page.locator('[data-testid=new-file-name]');
      await field.waitFor();
      assert(await field.evaluate((el) => el === document.activeElement), 'the name field is not focused');
      await page.keyboard.type('module.nix');
      await page.keyboard.press('Enter');
      await page.locator('[data-testid=file-tab]', { hasText: 'module.nix' }).waitFor();
      assert(dialogs === 0, 'a dialog was opened');
      const saved = await page.evaluate(() => localStorage.getItem('nixpen.workspace.v1'));
      assert(saved.includes('module.nix'), 'the new file is not saved');
      // Any other expression, pasted into flake.nix, is a value to show.
      await page.locator('[data-testid=file-tab]', { hasText: 'flake.nix' }).click();
      await paste(page, '{ a = 1 + 2; }');
      await page.waitForFunction(() => document.querySelector('[data-testid=kind] option')?.textContent === 'expression (detected)');
      await waitForStatus(page, /^Evaluated flake\.nix/);
      await showPane(page, 'output');
      assert((await page.locator('[data-testid=value]').textContent()).includes('a = 3;'), 'the expression\'s value is not shown');
      assertNoConsoleErrors(ctx);
    },
  },
  {
    name: '1. a flake in a file of another name is evaluated as a flake',
    async run(ctx, size) {
      const flake = await (await import('node:fs/promises')).readFile(new URL('../../examples/tutorial/5-final/flake.nix', import.meta.url), 'utf8');
      const page = await open(ctx, size, '#' + await shareFragment([['configuration.nix', flake]]));
      await page.waitForFunction(() => document.querySelector('[data-testid=kind] option')?.textContent === 'flake (detected)');
      assert((await unitNames(page)).includes('xeserv.gohello.service'), 'the flake is not rendered');
      assertNoConsoleErrors(ctx);
    },
  },
  {
    name: "2. the first screen: a tagline and the tutorial's start, the user's unit first, NixOS's own folded, short store paths, a readable value",
    async run(ctx, size) {
      const page = await open(ctx, size);
      const banner = page.locator('[data-testid=banner]');
      assert((await banner.textContent()).includes('Write a NixOS module'), 'no tagline on a first visit');
      assert(await page.locator('[data-testid=start-tutorial]').isVisible(), 'no "Start the tutorial"');
      assert(!(await page.locator('[data-testid=file-tab]').first().textContent()).includes('●'), 'the ● is still there');
      await showPane(page, 'output');
      // (Which units are the user's is read just after the first answer.)
      await page.locator('[data-testid=units] .own-files .file-item.selected').waitFor();
      const selected = await page.locator('[data-testid=units] .file-item.selected').textContent();
      assert(selected === 'xeserv.gohello.service', `the unit shown first is ${selected}`);
      const own = await page.locator('[data-testid=units] .own-files .file-item').allTextContents();
      assert(JSON.stringify(own) === '["xeserv.gohello.service"]', `the user's units: ${own}`);
      const stock = page.locator('[data-testid=units] details.stock-files');
      assert((await stock.getAttribute('open')) === null, "NixOS's own units are not folded");
      assert((await stock.textContent()).includes('firewall.service'), 'firewall.service is not among NixOS\'s own');
      const text = () => page.locator('[data-testid=units] .file-text').textContent();
      assert(/\/nix\/store\/…-/.test(await text()) && !/\/nix\/store\/[0-9a-z]{32}-/.test(await text()), 'store paths are not shortened');
      await page.click('[data-testid=full-paths]');
      assert(/\/nix\/store\/[0-9a-z]{32}-/.test(await text()), 'the full store paths do not show');
      await page.click('[data-testid=tab-value]');
      const value = await page.locator('[data-testid=value]').textContent();
      assert(value.includes('\n  ') && value.split('\n').every((line) => line.length <= 100), `the value is not laid out:\n${value}`);
      await showPane(page, 'code');
      await page.click('[data-testid=start-tutorial]');
      await page.waitForFunction(() => document.querySelector('[data-testid=examples]').value === '0-gohello');
      assertNoConsoleErrors(ctx);
    },
  },
  {
    name: '3. errors: the position puts the caret there, the frame does not wrap, the status says error, an unclosed { is found',
    async run(ctx, size) {
      const page = await open(ctx, size);
      await showPane(page, 'code');
      // A `port = mkOption {` typed among the options, never closed.
      await caretAfter(page, 'options.xeserv.services.gohello = {');
      await page.keyboard.press('Enter');
      await page.keyboard.type('port = mkOption {');
      const line = (await caretLine(page)).line;
      const column = await page.evaluate((line) => document.querySelector('[data-testid=editor]').value.split('\n')[line - 1].lastIndexOf('{') + 1, line);
      await waitForStatus(page, /^Error/);
      const status = await page.locator('[data-testid=status]').textContent();
      assert(status === `Error in flake.nix, line ${line}`, `the status reads ${status}`);
      assert((await errorPos(page)) === `/playground/flake.nix:${line}:${column}`, `error at ${await errorPos(page)} (line ${line}, column ${column})`);
      const note = await page.locator('[data-testid=error-note]').textContent();
      assert(/This \{ is never closed: the file ends at line \d+, column \d+/.test(note), `note: ${note}`);
      const frame = page.locator('[data-testid=error] .error-text');
      assert((await frame.evaluate((el) => getComputedStyle(el).whiteSpace)) === 'pre', 'the code frame wraps');
      // Scroll away, then click the position: the caret goes there, in view.
      await showPane(page, 'code');
      await page.evaluate(() => { document.querySelector('.editor').scrollTop = 1e6; document.activeElement.blur(); });
      await showPane(page, 'output');
      await page.click('[data-testid=error-pos]');
      const caret = await caretLine(page);
      assert(caret.line === line && caret.focused && caret.inView, `after the click: ${JSON.stringify(caret)}`);
      assertNoConsoleErrors(ctx);
    },
  },
  {
    name: '3. errors raised inside nixpkgs name the user\'s definition; the docs they name are served',
    async run(ctx, size) {
      const page = await open(ctx, size);
      await showPane(page, 'code');
      await page.selectOption('[data-testid=examples]', '6-exercise-port');
      await page.waitForFunction(() => document.querySelector('[data-testid=editor]').value.includes('port = mkOption'));
      await waitForStatus(page, /^Evaluated/);
      await caretAfter(page, 'xeserv.services.gohello.enable = true;');
      await page.keyboard.press('Enter');
      await page.keyboard.type('xeserv.services.gohello.port = 70000;');
      const line = (await caretLine(page)).line;
      await waitForStatus(page, /^Error/);
      const pos = await errorPos(page);
      assert(pos.startsWith(`/playground/flake.nix:${line}:`), `the error points at ${pos}, not line ${line}`);
      assert((await page.locator('[data-testid=error-note]').textContent()).includes('Raised inside nixpkgs (lib/modules.nix:'), 'no note');
      assert((await page.locator('[data-testid=error]').textContent()).includes('is not of type'), 'not the type error');
      // An option NixOS does not have: NixOS's error, pointed at the user's
      // line, and the list of the options Nixpen models is a link that works.
      await paste(page, '{ ... }: {\n  services.unheardof.enable = true;\n}');
      await page.waitForFunction(() => /does not exist/.test(document.querySelector('[data-testid=error]')?.textContent ?? ''));
      assert((await errorPos(page)) === '/playground/flake.nix:2:12', `the error points at ${await errorPos(page)}`);
      const link = page.locator('[data-testid=error] [data-testid=docs-link]');
      await link.waitFor();
      const href = await link.evaluate((a) => a.href);
      const body = await page.evaluate(async (href) => (await fetch(href)).text(), href);
      assert(body.startsWith('# Options Nixpen models'), `the link serves ${body.slice(0, 80)}`);
      assertNoConsoleErrors(ctx);
    },
  },
  {
    name: '4. outputs of another state are never shown as "last good"; form edits are debounced and named',
    async run(ctx, size) {
      const page = await ctx.newPage({ viewport: size });
      // Every evaluation request's override module, as the page sends it.
      await page.addInitScript(() => {
        window.__overrides = [];
        const post = Worker.prototype.postMessage;
        Worker.prototype.postMessage = function (message, ...rest) {
          if (message && message.Eval) window.__overrides.push(message.Eval.overrides ?? '');
          return post.call(this, message, ...rest);
        };
      });
      await openPlayground(ctx, page);
      await showPane(page, 'code');
      await page.selectOption('[data-testid=examples]', '3-systemd-typo');
      await waitForStatus(page, /^Error/);
      await showPane(page, 'output');
      assert((await page.locator('[data-testid=stale]').count()) === 0, 'the default flake\'s outputs are shown as last good');
      assert((await page.locator('[data-testid=tab-units]').count()) === 0, 'units of another state are shown');
      // A shared link opened over good outputs: nothing of theirs stays.
      const fragment = await shareFragment([['default.nix', '{ a = ; }']]);
      await page.evaluate((f) => { location.hash = f; }, fragment);
      await page.waitForFunction(() => document.querySelector('[data-testid=editor]')?.value === '{ a = ; }');
      await waitForStatus(page, /^Error/);
      assert((await page.locator('[data-testid=stale]').count()) === 0, 'outputs of the previous files are shown');
      // The form: 70000 typed into the port field is evaluated once, whole.
      await showPane(page, 'code');
      await page.selectOption('[data-testid=examples]', '6-exercise-port');
      await showPane(page, 'output');
      await page.click('[data-testid=tab-options]');
      const input = page.locator('[data-testid="option-xeserv.services.gohello.port"]').getByRole('spinbutton');
      await input.click();
      await input.press('Control+A');
      await input.pressSequentially('70000', { delay: 30 });
      await page.locator('[data-testid=error]').waitFor();
      // The type error names the form's definition, not lib/modules.nix.
      const formPos = await errorPos(page);
      assert(formPos.startsWith('/form/overrides.nix:'), `the form's error points at ${formPos}`);
      assert((await page.locator('[data-testid=error-note]').textContent()).includes('Raised inside nixpkgs'), 'no note on the form\'s error');
      await page.click('[data-testid=tab-nginx]');
      const stale = await page.locator('[data-testid=stale]').textContent();
      assert(stale.includes('the options form has changed since'), `the stale label reads ${stale}`);
      const sent = await page.evaluate(() => window.__overrides.filter((o) => o.includes('.port')));
      assert(sent.length === 1 && sent[0].includes('lib.mkForce 70000;'), `the form sent ${JSON.stringify(sent)}`);
      assertNoConsoleErrors(ctx);
    },
  },
  {
    name: '5. the editor: a fixed gutter, indentation after { and =, dedent on }, an Escape-then-Tab hint, bracket matching',
    async run(ctx, size) {
      const page = await open(ctx, size, '#' + await shareFragment([['default.nix', 'null']]));
      const editor = page.locator('[data-testid=editor]');
      await editor.fill('');
      await editor.click();
      for (const step of ['{', 'Enter', 'a = [', 'Enter', '1', 'Enter', '];', 'Enter', 'b =', 'Enter', '2;', 'Enter']) {
        if (step === 'Enter') await page.keyboard.press('Enter');
        else await page.keyboard.type(step);
      }
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.type('}');
      const text = await editor.inputValue();
      const want = '{\n  a = [\n    1\n  ];\n  b =\n    2;\n}';
      assert(text === want, `the editor holds ${JSON.stringify(text)}`);
      // Bracket matching: the caret after the first { marks it and the last }.
      await page.evaluate(() => { const a = document.querySelector('[data-testid=editor]'); a.setSelectionRange(1, 1); });
      await page.keyboard.press('ArrowLeft');
      const marked = await page.locator('[data-testid=highlight] .bracket-match').allTextContents();
      assert(JSON.stringify(marked) === '["{","}"]', `marked: ${JSON.stringify(marked)}`);
      // The hint, and Escape then Tab leaves (Tab alone indents).
      const hint = await editor.evaluate((a) => document.getElementById(a.getAttribute('aria-describedby'))?.textContent);
      assert(hint.includes('Esc then Tab leaves the editor'), `hint: ${hint}`);
      if (size.width > 760) assert(await page.locator('[data-testid=editor-hint]').isVisible(), 'the hint is not shown');
      await page.keyboard.press('Tab');
      assert(await editor.evaluate((a) => a === document.activeElement), 'Tab left the editor');
      await page.keyboard.press('Escape');
      await page.keyboard.press('Tab');
      assert(await editor.evaluate((a) => a !== document.activeElement), 'Escape then Tab did not leave the editor');
      // The gutter stays when a long line scrolls.
      await editor.fill(`{ long = "${'x'.repeat(400)}"; }`);
      const left = () => page.locator('.gutter').evaluate((g) => g.getBoundingClientRect().left);
      const before = await left();
      await page.evaluate(() => { document.querySelector('.editor').scrollLeft = 600; });
      assert(await page.evaluate(() => document.querySelector('.editor').scrollLeft) > 0, 'the editor did not scroll');
      assert((await left()) === before, 'the gutter scrolled away');
      assertNoConsoleErrors(ctx);
    },
  },
  {
    name: '6. small screens: a one-row header, a Code / Output switch, each pane full height, Share leaves the outputs in view',
    async run(ctx, size) {
      const page = await open(ctx, size);
      const height = (selector) => page.locator(selector).evaluate((el) => el.getBoundingClientRect().height);
      const header = await height('.topbar');
      assert(header < 56, `the header is ${header} px high`);
      const narrow = size.width <= 760;
      assert((await page.locator('[data-testid=show-output]').isVisible()) === narrow, 'the pane switch shows on the wrong screen');
      if (narrow) {
        await page.click('[data-testid=banner] .banner-close');
        assert(!(await page.locator('.output-pane').isVisible()), 'both panes show on a phone');
        assert((await height('.editor-pane')) > size.height * 0.75, 'the editor is not full height');
        await page.click('[data-testid=show-output]');
        assert(!(await page.locator('.editor-pane').isVisible()), 'the editor still shows');
        assert((await height('.output-pane')) > size.height * 0.75, 'the outputs are not full height');
        await page.click('[data-testid=share]');
        const box = await page.locator('.output-pane').evaluate((el) => el.getBoundingClientRect());
        assert(box.top < size.height - 250 && box.bottom <= size.height, `with Share open the outputs are at ${box.top}–${box.bottom}`);
      } else {
        assert(await page.locator('.output-pane').isVisible() && await page.locator('.editor-pane').isVisible(), 'not side by side');
        assert(await page.locator('.tagline').isVisible(), 'no tagline in the header');
      }
      assertNoConsoleErrors(ctx);
    },
  },
  {
    name: '7. share and keyboard: hashchange opens a link, the link keeps tab and unit, the menu waits for Enter, arrow keys move tabs',
    async run(ctx, size) {
      const page = await open(ctx, size);
      // The menu: ArrowDown on the closed menu loads nothing; it shows the example.
      const examples = page.locator('[data-testid=examples]');
      assert((await examples.inputValue()) === '5-final', `the menu shows ${await examples.inputValue()}`);
      await examples.focus();
      await page.keyboard.press('ArrowDown');
      await page.waitForTimeout(300);
      assert((await examples.inputValue()) === '5-final', 'ArrowDown changed the menu');
      assert(!(await page.locator('[data-testid=banner]').textContent()).startsWith('Loaded'), 'ArrowDown loaded an example');
      // Arrow keys between the output tabs.
      await showPane(page, 'output');
      await page.locator('[data-testid=tab-options]').waitFor();
      await page.locator('[data-testid=tab-units]').focus();
      await page.keyboard.press('ArrowRight');
      const next = page.locator('[data-testid=tab-nginx]');
      assert((await next.getAttribute('aria-selected')) === 'true' && await next.evaluate((t) => t === document.activeElement), 'ArrowRight did not move to nginx.conf');
      await page.keyboard.press('End');
      assert((await page.locator('[data-testid=tab-options]').getAttribute('aria-selected')) === 'true', 'End did not move to the last tab');
      // The link keeps the tab and the file.
      await page.click('[data-testid=tab-etc]');
      await page.locator('[data-testid=etc] .file-item', { hasText: '/etc/hosts' }).click();
      await page.click('[data-testid=share]');
      await page.waitForFunction(() => /#s=/.test(document.querySelector('[data-testid=share-link]')?.value ?? ''));
      const link = await page.locator('[data-testid=share-link]').inputValue();
      const fresh = await ctx.newPage({ viewport: size });
      await fresh.goto(link);
      await waitForEvaluated(fresh);
      await showPane(fresh, 'output');
      assert((await fresh.locator('[data-testid=tab-etc]').getAttribute('aria-selected')) === 'true', 'the link lost the tab');
      const file = await fresh.locator('[data-testid=etc] .file-item.selected').textContent();
      assert(file === '/etc/hosts', `the link shows ${file}`);
      // A link pasted into the open page loads without a reload; the old files can come back.
      await showPane(page, 'code');
      await page.evaluate(async (f) => { location.hash = f; }, await shareFragment([['default.nix', '{ hashed = true; }']]));
      await page.waitForFunction(() => document.querySelector('[data-testid=editor]')?.value === '{ hashed = true; }');
      await page.click('[data-testid=restore]');
      await page.waitForFunction(() => document.querySelector('[data-testid=editor]')?.value.includes('xeserv'));
      assertNoConsoleErrors(ctx);
    },
  },
];

/** A test for each finding at each size. */
export const tests = findings.flatMap((finding) => SIZES.map((size) => ({
  name: `${finding.name} (${size.width}×${size.height})`,
  timeout: 60_000,
  run: (ctx) => finding.run(ctx, size),
}))).concat(SIZES.map((size) => ({
  name: `a configuration in the shape nixos-generate-config writes, pasted into the default tab, renders (${size.width}×${size.height})`,
  timeout: 60_000,
  async run(ctx) {
    const page = await open(ctx, size);
    // The server's shape, then the desktop's pasted over it.
    for (const [text, unmodelled] of [[await GENERATED, []], [await GENERATED_DESKTOP, ['services.printing.enable', 'programs.firefox.enable']]]) {
      await paste(page, text);
      await page.waitForFunction(() => document.querySelector('[data-testid=kind] option')?.textContent === 'NixOS configuration (detected)');
      await waitForUnit(page, 'sshd.service');
      // Its warnings (once the files real configurations need are in).
      await page.waitForFunction((unmodelled) => {
        document.querySelector('[data-testid=tab-warnings]')?.click();
        const warnings = document.querySelector('[data-testid=warnings]')?.textContent ?? '';
        return /hardware-configuration\.nix \(imported by \/playground\/flake\.nix\) does not exist/.test(warnings)
          && unmodelled.every((option) => warnings.includes(`${option}: a NixOS option Nixpen does not model`));
      }, unmodelled, { timeout: 20_000 }).catch(async () => {
        throw new Error(`warnings: ${await page.locator('[data-testid=warnings]').textContent()}`);
      });
      await waitForStatus(page, /^Evaluated flake\.nix/);
      assert((await page.locator('[data-testid=error]').count()) === 0, 'the generated configuration gives an error');
      assert((await page.locator('[data-testid=provisional]').count()) === 0, 'still provisional');
      await page.click('[data-testid=tab-etc]');
      const etc = await page.locator('[data-testid=etc] .file-item').allTextContents();
      assert(etc.includes('/etc/ssh/sshd_config') && etc.includes('/etc/hostname'), `/etc: ${etc}`);
    }
    assertNoConsoleErrors(ctx);
  },
})));
