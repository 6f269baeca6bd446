// Nixpen's service worker: makes the playground work offline after one visit.
// Network first (so a new build is picked up at once), the cache as fallback.
const CACHE = 'nixpen-v1';
const FIXED = ['./', 'boot.js', 'manifest.webmanifest', 'icon.svg', 'worker-loader.js'];

// The page's own files carry content hashes; read their names from index.html.
// Absolute URLs, without duplicates (cache.addAll rejects duplicates).
function assetsOf(html) {
  const names = FIXED.filter((n) => n !== './');
  for (const m of html.matchAll(/(?:href|src|data-js|data-wasm)="([^"]+)"/g)) names.push(m[1]);
  const urls = new Set();
  for (const name of names) {
    const url = new URL(name, self.registration.scope);
    if (url.origin === self.location.origin && url.href !== self.registration.scope) urls.add(url.href);
  }
  return [...urls];
}

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    const page = await fetch('./', { cache: 'no-store' });
    const html = await page.clone().text();
    await cache.put('./', page);
    await cache.addAll(assetsOf(html));
    // The files the worker fetches after the first outputs (worker-loader.js).
    const extras = await fetch('nixpkgs-extra/files.txt', { cache: 'no-store' });
    if (extras.ok) {
      const names = (await extras.clone().text()).split('\n').filter((name) => name !== '');
      await cache.put('nixpkgs-extra/files.txt', extras);
      await cache.addAll(names.map((name) => new URL(`nixpkgs-extra/${name}`, self.registration.scope).href));
    }
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  const key = request.mode === 'navigate' ? './' : request;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    try {
      const response = await fetch(request);
      if (response.ok) await cache.put(key, response.clone());
      return response;
    } catch (error) {
      const cached = await cache.match(key, { ignoreSearch: request.mode === 'navigate' });
      if (cached) return cached;
      throw error;
    }
  })());
});
