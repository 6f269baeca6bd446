// Starts the page's wasm. Trunk names the files (with content hashes) in
// this script tag's data attributes; an external module keeps the page free
// of inline scripts, as its Content-Security-Policy requires.
// The embed view's layout and height reports, only in the embed view.
if (new URLSearchParams(location.search).has('embed')) import('./embed-view.js');
const tag = document.querySelector('script[data-js][data-wasm]');
const { default: init } = await import(tag.dataset.js);
await init({ module_or_path: tag.dataset.wasm });

// Offline support: the service worker caches the app after the first visit.
if ('serviceWorker' in navigator && location.protocol !== 'file:') {
  navigator.serviceWorker.register('./sw.js').catch(() => {});
}
