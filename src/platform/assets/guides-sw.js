/* global self, caches, fetch, URL, Response */
// The country guides' service worker (scope /guides/, served at /guides/sw.js): network first,
// so a reader online always gets the current text and its "last verified" date; each guide page
// that answered is kept, with the stylesheet it used, and shown when the network fails.
const CACHE = 'corridor-guides-v1';

self.addEventListener('install', () => {
  self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(names.filter((name) => name !== CACHE).map((name) => caches.delete(name))),
      )
      .then(() => self.clients.claim()),
  );
});

function keep(request, response) {
  if (!response || response.status !== 200 || response.type !== 'basic') return;
  // A signed-in reader's page (their name, their sign-out token) is never kept on the device.
  if (/no-store/.test(response.headers.get('cache-control') || '')) return;
  const copy = response.clone();
  caches.open(CACHE).then((cache) => cache.put(request, copy));
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/static/')) {
    // Fingerprinted assets never change: the cache first.
    event.respondWith(
      caches.match(request).then(
        (hit) =>
          hit ||
          fetch(request).then((response) => {
            keep(request, response);
            return response;
          }),
      ),
    );
    return;
  }
  if (request.mode !== 'navigate' || !url.pathname.startsWith('/guides/')) return;
  event.respondWith(
    fetch(request)
      .then((response) => {
        keep(request, response);
        return response;
      })
      .catch(() =>
        caches.match(request).then((hit) => hit || caches.match(request, { ignoreSearch: true })),
      )
      .then((response) => response || Response.error()),
  );
});
