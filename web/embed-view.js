// The playground's embed view (`?embed`), loaded by boot.js only there, so
// the full playground's first load does not carry it:
// - its compact layout: no fixed page height (the content sets it), the
//   editor and the outputs each scroll past a cap, the editor above the
//   outputs on a narrow screen;
// - the read-only view (`readonly=1`): no editor;
// - its height, told to the embedding page (embed.js sets the iframe's
//   height from it) whenever it changes, once the playground has drawn
//   its first outputs (before that the iframe keeps the height of the
//   code it replaced, so the page does not jump twice).
// The layout comes as a constructed style sheet, which the page's
// Content-Security-Policy (style-src 'self') allows, unlike a <style>.
const css = [
  'html,body,#app,.app{height:auto}',
  '.app.embed .panes{flex:none}',
  '.app.embed .editor{max-height:26rem}',
  '.app.embed .output-body{max-height:26rem;overflow:auto}',
  '.app.embed .boot{padding:1rem}',
  // Narrow: the editor above the outputs rather than one at a time.
  '@media (max-width:760px){.app.embed .panes>.pane{display:flex}' +
    '.app.embed .editor-pane{border-bottom:1px solid var(--border)}.app.embed .pane-switch{display:none}}',
];
// Read-only (`readonly=1`): the outputs and the options form alone, the
// whole width; the editor is not shown (nor reachable by keyboard).
if (new URLSearchParams(location.search).get('readonly') === '1') {
  css.push('.app.embed .panes>.editor-pane,.app.embed .pane-switch{display:none!important}',
    '.app.embed .output-pane{grid-column:1/-1}');
}
const sheet = new CSSStyleSheet();
sheet.replaceSync(css.join('\n'));
document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];

if (window.parent !== window) {
  let told = 0;
  const tell = () => {
    // Drawn once there is something to read: outputs, an error or a notice.
    if (!document.querySelector('.output-tabs, .outputs .error, .outputs .notice')) return;
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === told) return;
    told = height;
    window.parent.postMessage({ type: 'nixpen:height', height }, '*');
  };
  new ResizeObserver(tell).observe(document.documentElement);
  // A cross-origin iframe out of view is not rendered, and hears nothing
  // from the ResizeObserver: changes to the page are checked too, at most
  // every 100 ms, so that it has its height before the reader scrolls to it.
  let pending = false;
  new MutationObserver(() => {
    if (pending) return;
    pending = true;
    setTimeout(() => { pending = false; tell(); }, 100);
  }).observe(document.body, { childList: true, subtree: true });
}
