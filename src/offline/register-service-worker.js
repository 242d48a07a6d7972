// Registers the offline-reading service worker (src/offline/service-worker.js). Loaded with
// `defer` from every public page: nothing on the page needs it, so it waits for the page to load and
// costs a reader nothing before the text is readable. The admin's pages never load it.
if ('serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => {
      // No offline copies (private browsing, storage full): the site works as before.
    })
  })
}
