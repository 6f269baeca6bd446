// Shared steps of the browser tests.

/** Fails with `message` unless `condition` holds. */
export function assert(condition, message) {
  if (!condition) throw new Error(message);
}

/** Opens the playground and waits until the evaluator has answered once. */
export async function openPlayground(ctx, page, path = '') {
  await page.goto(ctx.url + path);
  await page.waitForSelector('[data-testid=editor]');
  await waitForEvaluated(page);
}

/** Opens a playground holding one plain expression file, `default.nix`
 *  (the page itself opens on the tutorial's flake). */
export async function openExpression(ctx, page) {
  await openPlayground(ctx, page, '#' + await shareFragment([['default.nix', 'null']]));
}

/** Waits until the status line says the latest source was evaluated
 *  (successfully, or with an error). */
export async function waitForEvaluated(page, timeout = 15_000) {
  await page.waitForFunction(() => {
    const status = document.querySelector('[data-testid=status]');
    return status && /^(Evaluated|Error)/.test(status.textContent);
  }, null, { timeout });
}

/** On a narrow screen, shows the pane `which` ('code' or 'output'); on a
 *  wide one both are shown and this does nothing. */
export async function showPane(page, which) {
  const button = page.locator(`[data-testid=show-${which}]`);
  if (await button.isVisible()) await button.click();
}

/** Replaces the whole text of the open file, as a user would by typing. */
export async function setSource(page, text) {
  const editor = page.locator('[data-testid=editor]');
  await editor.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await editor.pressSequentially(text, { delay: 2 });
}

/**
 * Replaces the editor's text with `text` in one input, as a paste does: no
 * half-typed prefix (such as `builtins.genList`, a good value of its own)
 * is ever evaluated.
 */
export async function pasteSource(page, text) {
  const editor = page.locator('[data-testid=editor]');
  await editor.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
}

/** The text of the value output. */
export async function valueText(page) {
  return (await page.locator('[data-testid=value]').textContent()) ?? '';
}

/** Waits until the value output reads exactly `expected`. */
export async function waitForValue(page, expected, timeout = 10_000) {
  await page.waitForFunction((want) => {
    const el = document.querySelector('[data-testid=value]');
    return el && el.textContent === want;
  }, expected, { timeout }).catch(async () => {
    throw new Error(`value output is ${JSON.stringify(await valueText(page))}, expected ${JSON.stringify(expected)}`);
  });
}

/** Fails if any console error was recorded. */
export function assertNoConsoleErrors(ctx) {
  assert(ctx.consoleErrors.length === 0, `console errors:\n  ${ctx.consoleErrors.join('\n  ')}`);
}

/** A share-link fragment (without '#') for these files, as the app makes them. */
export async function shareFragment(files, entry) {
  const { deflateRawSync } = await import('node:zlib');
  const workspace = { files: files.map(([name, text]) => ({ name, text })), active: 0, entry: entry ?? files[0][0] };
  return 's=' + deflateRawSync(Buffer.from(JSON.stringify(workspace))).toString('base64url');
}

/** Waits until the latest source was evaluated and the error box shows
 *  (and returns its position text, if any). The first edit after a pause is
 *  evaluated at once, so an error of a half-typed text may show first. */
export async function waitForError(page, timeout = 10_000) {
  await waitForEvaluated(page, timeout);
  await page.locator('[data-testid=error]').waitFor({ timeout });
  const pos = page.locator('[data-testid=error-pos]');
  return (await pos.count()) ? pos.textContent() : null;
}
