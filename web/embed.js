// Nixpen embeds: include this script on a page, and every <pre data-nixpen>
// (or <code class="language-nix" data-nixpen>) becomes a playground. Until
// a reader asks for it, a block stays light: its code, highlighted, and a
// "Run in Nixpen" button; only then is the playground's iframe (and its
// wasm) loaded. See docs/embedding.md for the attributes.
(() => {
  'use strict';
  const script = document.currentScript;
  // The playground lives next to this script.
  const base = new URL('./', script ? script.src : location.href).href;
  const origin = new URL(base).origin;
  const frames = new Map();

  const css = `
.nixpen-embed{position:relative;margin:1em 0;border:1px solid #8884;border-radius:6px;overflow:hidden}
.nixpen-embed pre{margin:0;padding:.8em 1em;overflow:auto;font:13px/1.45 ui-monospace,monospace}
.nixpen-embed .nixpen-file{padding:.3em 1em;font:12px ui-monospace,monospace;opacity:.75;border-bottom:1px solid #8884}
.nixpen-embed button{display:block;margin:0 .6em .6em auto;font:inherit;font-size:13px;padding:.3em .8em;border-radius:4px;border:1px solid #2a6;background:#2a6;color:#fff;cursor:pointer}
.nixpen-embed button:disabled{opacity:.6;cursor:progress}
.nixpen-embed iframe{display:block;width:100%;border:0}
.nixpen-embed .k{color:#a626a4}.nixpen-embed .s{color:#50a14f}.nixpen-embed .c{color:#8a8f98;font-style:italic}
.nixpen-embed .n{color:#986801}.nixpen-embed .p{color:#0184bc}
.nixpen-dark{background:#1e2127;color:#dcdfe4}.nixpen-dark .k{color:#c678dd}.nixpen-dark .s{color:#98c379}
.nixpen-dark .n{color:#d19a66}.nixpen-dark .p{color:#61afef}`;

  /** Nix source as highlighted DOM nodes (text nodes only: no markup from the page's code). */
  function highlight(text) {
    const out = document.createDocumentFragment();
    const token = /(#[^\n]*|\/\*[\s\S]*?\*\/)|("(?:\\[\s\S]|[^"\\])*"|''[\s\S]*?'')|\b(let|in|with|rec|inherit|if|then|else|assert|or|import)\b|\b(\d+(?:\.\d+)?|true|false|null)\b|((?:\.{0,2}\/|~\/)[\w.+\-/]+|<[\w.+\-/]+>)/g;
    let at = 0;
    for (const m of text.matchAll(token)) {
      if (m.index > at) out.append(text.slice(at, m.index));
      const span = document.createElement('span');
      span.className = m[1] ? 'c' : m[2] ? 's' : m[3] ? 'k' : m[4] ? 'n' : 'p';
      span.textContent = m[0];
      out.append(span);
      at = m.index + m[0].length;
    }
    out.append(text.slice(at));
    return out;
  }

  /** The <pre> of a marked element (the element itself, or the <pre> around a marked <code>). */
  const preOf = (el) => (el.tagName === 'PRE' ? el : el.closest('pre') || el);

  /** Blocks to turn into playgrounds: one per ungrouped block, one per group. */
  function playgrounds() {
    const marked = [...document.querySelectorAll('pre[data-nixpen],code[data-nixpen],pre[data-nixpen-group],code[data-nixpen-group]')];
    const groups = new Map();
    const list = [];
    for (const el of marked) {
      const pre = preOf(el);
      if (pre.dataset.nixpenDone) continue;
      pre.dataset.nixpenDone = '1';
      const attrs = { ...pre.dataset, ...(el === pre ? {} : el.dataset) };
      const block = { pre, attrs, name: attrs.nixpenFile || '', text: (el.textContent || '').replace(/\n$/, '') };
      const key = attrs.nixpenGroup;
      if (!key) list.push([block]);
      else if (groups.has(key)) groups.get(key).push(block);
      else { const g = [block]; groups.set(key, g); list.push(g); }
    }
    return list;
  }

  /** The output a `data-show` names, as the share links' `view` says it:
   *  `units/NAME` and `etc/PATH` are a tab and a file in its list,
   *  `nginx.conf` the nginx tab, any other word a tab (`options`, `value`). */
  function view(show) {
    if (!show) return {};
    if (show === 'nginx.conf') return { tab: 'nginx' };
    const at = show.indexOf('/');
    return at < 0 ? { tab: show } : { tab: show.slice(0, at), item: show.slice(at + 1) };
  }

  /** `#s=…` for the blocks' files and the output to show, as the
   *  playground's share links write them. */
  async function fragment(blocks, show) {
    const files = blocks.map((b, i) => ({ name: b.name || (blocks.length === 1 ? 'configuration.nix' : `file${i + 1}.nix`), text: b.text }));
    const names = files.map((f) => f.name);
    const entry = ['flake.nix', 'default.nix', 'configuration.nix'].find((n) => names.includes(n)) || names[0];
    const json = JSON.stringify({ files, active: Math.max(0, names.indexOf(entry)), entry, overrides: [], view: view(show) });
    const stream = new Blob([json]).stream().pipeThrough(new CompressionStream('deflate-raw'));
    const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
    let bin = '';
    for (const b of bytes) bin += String.fromCharCode(b);
    return 's=' + btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  /** The playground's address for these blocks and options. */
  async function address(blocks, attrs) {
    const query = new URLSearchParams({ embed: '1' });
    if ('readonly' in attrs) query.set('readonly', '1');
    if (attrs.theme) query.set('theme', attrs.theme);
    return `${base}?${query}#${await fragment(blocks, attrs.show)}`;
  }

  function dark(theme) {
    return theme === 'dark' || (theme !== 'light' && matchMedia('(prefers-color-scheme: dark)').matches);
  }

  // Playgrounds started together (autorun, a script) start one after the
  // other: an iframe is added once the one before has drawn its first
  // outputs (its first message) or after 4 s. Started at once, their cold
  // evaluations competed for the reader's processor, and on a slow or
  // busy machine ran past the playground's 2 s budget.
  const drawn = new Map();
  let turn = Promise.resolve();
  const inTurn = (frame, box) => (turn = turn.then(() => new Promise((done) => {
    const timer = setTimeout(done, 4000);
    drawn.set(frame, () => { clearTimeout(timer); done(); });
    box.replaceChildren(frame);
    box.classList.add('nixpen-live');
  })));

  /** Replaces a group's blocks by one light box; the iframe comes on `activate`. */
  function mount(blocks) {
    const attrs = Object.assign({}, ...blocks.map((b) => b.attrs));
    const box = document.createElement('div');
    box.className = 'nixpen-embed' + (dark(attrs.theme) ? ' nixpen-dark' : '');
    for (const b of blocks) {
      if (blocks.length > 1 || b.name) {
        const title = document.createElement('div');
        title.className = 'nixpen-file';
        title.textContent = b.name;
        box.append(title);
      }
      const pre = document.createElement('pre');
      pre.append(highlight(b.text));
      box.append(pre);
    }
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = 'Run in Nixpen';
    box.append(button);
    blocks[0].pre.replaceWith(box);
    for (const b of blocks.slice(1)) b.pre.remove();

    let started = false;
    const activate = async () => {
      if (started) return;
      started = true;
      const height = box.offsetHeight;
      button.disabled = true;
      button.textContent = 'Loading…';
      const frame = document.createElement('iframe');
      frame.title = 'Nixpen playground';
      frame.setAttribute('sandbox', 'allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox allow-downloads');
      frame.setAttribute('referrerpolicy', 'no-referrer');
      const fixed = parseInt(attrs.height, 10);
      frame.style.height = `${fixed > 0 ? fixed : Math.max(320, height)}px`;
      frame.src = await address(blocks, attrs);
      frames.set(frame, !(fixed > 0));
      inTurn(frame, box);
    };
    button.addEventListener('click', activate);
    if ('autorun' in attrs && 'IntersectionObserver' in window) {
      const seen = new IntersectionObserver((entries) => {
        if (entries.some((e) => e.isIntersecting)) { seen.disconnect(); activate(); }
      }, { rootMargin: '200px' });
      seen.observe(box);
    }
  }

  // An embedded playground tells its height; nothing else is listened to.
  addEventListener('message', (event) => {
    if (event.origin !== origin || !event.data || event.data.type !== 'nixpen:height') return;
    for (const [frame, auto] of frames) {
      if (frame.contentWindow !== event.source) continue;
      if (auto) frame.style.height = `${Math.min(2000, Math.max(200, Math.ceil(+event.data.height || 0)))}px`;
      const next = drawn.get(frame);
      drawn.delete(frame);
      if (next) next();
    }
  });

  function start() {
    if (!document.getElementById('nixpen-embed-style')) {
      const style = document.createElement('style');
      style.id = 'nixpen-embed-style';
      style.textContent = css;
      document.head.append(style);
    }
    for (const blocks of playgrounds()) mount(blocks);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
  // For pages that add blocks later (single-page sites).
  window.Nixpen = { scan: start };
})();
