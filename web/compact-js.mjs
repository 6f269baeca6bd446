// Trunk's post-build hook (Trunk.toml), for release builds:
//
// - takes the indentation, the comment-only lines and the blank lines out of
//   the JavaScript in the staging folder (wasm-bindgen's glue, boot.js,
//   worker-loader.js, sw.js). Every other line keeps its text and stays a
//   line of its own, so no statement changes; a file in which some line
//   holds an odd number of backticks (a template literal that may span
//   lines, where the indentation would be text) or ends with a backslash (a
//   string continued on the next line) is left as it is;
// - shortens the names under which the wasm imports the glue's functions:
//   wasm-bindgen ends each with a hash of 16 hex digits
//   (`__wbg_get_bd3a8b05bc7ae2a6`), which gzip cannot pack; they become
//   `__wbg_get`, `__wbg_get_2`, … in the wasm's import section and in the
//   glue alike. Each name must occur exactly once in the glue and the import
//   section must read back as written, or both files are left as they are.
//
// Together: 4 KB less gzip. Trunk's own minifier is not used: it cannot
// parse the glue, and it takes the quotes off index.html's attributes, which
// sw.js reads.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** `text` without indentation, comment-only lines and blank lines; `null`
 *  when a line may continue a template literal or a string. */
export function compact(text) {
  const lines = text.split('\n');
  const spans = (line) => !line.trim().startsWith('//') && ((line.split('`').length - 1) % 2 === 1 || line.trimEnd().endsWith('\\'));
  if (lines.some(spans)) return null;
  return lines.map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith('//')).join('\n') + '\n';
}

/** Reads an unsigned LEB128 number at `at`; returns [value, next offset]. */
function leb(bytes, at) {
  let value = 0;
  for (let shift = 0; ; shift += 7) {
    const b = bytes[at++];
    value += (b & 0x7f) * 2 ** shift;
    if (b < 0x80) return [value, at];
  }
}

/** `value` as unsigned LEB128 bytes. */
function toLeb(value) {
  const out = [];
  do {
    let b = value % 128;
    value = Math.floor(value / 128);
    if (value > 0) b |= 0x80;
    out.push(b);
  } while (value > 0);
  return out;
}

/** Offset just past an import's descriptor of kind `kind` at `at`. */
function skipDescriptor(bytes, kind, at) {
  const limits = (p) => {
    const flags = bytes[p];
    let [, next] = leb(bytes, p + 1);
    if (flags & 1) [, next] = leb(bytes, next);
    return next;
  };
  switch (kind) {
    case 0: return leb(bytes, at)[1]; // function: type index
    case 1: return limits(at + 1); // table: reference type, limits
    case 2: return limits(at); // memory: limits
    case 3: return at + 2; // global: value type, mutability
    case 4: return leb(bytes, at + 1)[1]; // tag: attribute, type index
    default: throw new Error(`unknown import kind ${kind}`);
  }
}

/**
 * The wasm module `wasm` with its import names renamed by `rename` (a
 * function from name to new name), or `null` if it has no import section.
 */
export function renameImports(wasm, rename) {
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  for (let at = 8; at < wasm.length;) {
    const id = wasm[at];
    const [size, body] = leb(wasm, at + 1);
    const end = body + size;
    if (id === 2) {
      const out = [];
      let [count, p] = leb(wasm, body);
      out.push(...toLeb(count));
      for (; count > 0; count--) {
        const [moduleLength, moduleAt] = leb(wasm, p);
        const [nameLength, nameAt] = leb(wasm, moduleAt + moduleLength);
        const name = encoder.encode(rename(decoder.decode(wasm.subarray(nameAt, nameAt + nameLength))));
        const kind = wasm[nameAt + nameLength];
        const next = skipDescriptor(wasm, kind, nameAt + nameLength + 1);
        out.push(...wasm.subarray(p, moduleAt + moduleLength), ...toLeb(name.length), ...name, ...wasm.subarray(nameAt + nameLength, next));
        p = next;
      }
      if (p !== end) throw new Error('the import section does not read back');
      const section = [id, ...toLeb(out.length), ...out];
      const result = new Uint8Array(at + section.length + (wasm.length - end));
      result.set(wasm.subarray(0, at));
      result.set(section, at);
      result.set(wasm.subarray(end), at + section.length);
      return result;
    }
    at = end;
  }
  return null;
}

/** Renames wasm-bindgen's hashed import names in `glue` and `wasm`; returns
 *  the new [glue, wasm], or `null` when anything is not as expected. */
export function shortenImports(glue, wasm) {
  const names = new Map();
  const taken = new Set();
  for (const [name, base] of glue.matchAll(/\b(__wbg_\w+?)_[0-9a-f]{16}\b/g)) {
    if (names.has(name)) return null; // each name is defined once in the glue
    let short = base;
    for (let n = 2; taken.has(short); n++) short = `${base}_${n}`;
    taken.add(short);
    names.set(name, short);
  }
  if (names.size === 0) return null;
  const clash = [...taken].some((short) => new RegExp(`\\b${short}\\b`).test(glue));
  if (clash) return null;
  let renamed = 0;
  const newWasm = renameImports(wasm, (name) => {
    if (!names.has(name)) return name;
    renamed++;
    return names.get(name);
  });
  if (newWasm === null || renamed !== names.size) return null;
  const newGlue = glue.replace(/\b__wbg_\w+?_[0-9a-f]{16}\b/g, (name) => names.get(name));
  return [newGlue, newWasm];
}

if (process.env.TRUNK_PROFILE === 'release') {
  const dir = process.env.TRUNK_STAGING_DIR;
  const files = await readdir(dir);
  for (const name of files) {
    if (!name.endsWith('.js')) continue;
    const path = join(dir, name);
    const text = compact(await readFile(path, 'utf8'));
    if (text !== null) await writeFile(path, text);
  }
  for (const name of files) {
    const wasmName = name.replace(/\.js$/, '_bg.wasm');
    if (!name.endsWith('.js') || !files.includes(wasmName)) continue;
    const [gluePath, wasmPath] = [join(dir, name), join(dir, wasmName)];
    let result = null;
    try {
      result = shortenImports(await readFile(gluePath, 'utf8'), new Uint8Array(await readFile(wasmPath)));
    } catch (e) {
      console.warn(`compact-js: import names of ${wasmName} left as they are: ${e.message}`);
    }
    if (result !== null) {
      await writeFile(gluePath, result[0]);
      await writeFile(wasmPath, result[1]);
    }
  }
}
