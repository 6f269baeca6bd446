// Trunk post-build hook (release builds): the stylesheet without comments
// and without the whitespace that does not change its meaning (runs of
// spaces and newlines become one space; none is kept next to { } ; or
// after a comma). Strings and url()s in web/style.css hold no such
// characters, so they are not treated apart. index.html's subresource
// integrity hash of the stylesheet is replaced by the new text's.
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** `css` without comments and needless whitespace. */
export function compactCss(css) {
  return css
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};])\s*/g, '$1')
    .replace(/,\s+/g, ',')
    .replace(/;}/g, '}')
    .trim();
}

/** The `integrity` value of `text` (SHA-384, as Trunk writes it). */
const integrity = (text) => `sha384-${createHash('sha384').update(text).digest('base64')}`;

if (process.env.TRUNK_PROFILE === 'release') {
  const dir = process.env.TRUNK_STAGING_DIR;
  const page = join(dir, 'index.html');
  let html = await readFile(page, 'utf8');
  for (const name of await readdir(dir)) {
    if (!name.endsWith('.css')) continue;
    const path = join(dir, name);
    const css = await readFile(path, 'utf8');
    const compact = compactCss(css);
    await writeFile(path, compact);
    html = html.replaceAll(integrity(css), integrity(compact));
  }
  await writeFile(page, html);
}
