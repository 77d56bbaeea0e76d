/* global navigator */
// Registers the country guides' service worker (progressive enhancement: every guide reads
// without JavaScript). Its scope is /guides/: the guide pages a reader opened stay readable
// offline. Served by the asset pipeline; loaded only by the guides' pages.
if ('serviceWorker' in navigator) {
  navigator.serviceWorker.register('/guides/sw.js', { scope: '/guides/' }).catch(() => {});
}
