// Offline reading (issue 5 §6): a reader who loses the connection can still open the front page,
// the lite edition and the last stories they read. Served at /sw.js by src/offline/offline.site.ts,
// which puts `self.DATELINE_OFFLINE` (the shell's hashed URLs and the headline pages) in front of
// this file, so the worker's bytes change — and browsers update it — whenever an asset does.
//
// What it keeps, in three caches:
//   shell      the stylesheet, the logo, the favicon and the offline page, fetched at install; the
//              hashed assets (stylesheet, fonts) as they are used — cache-first, they never change.
//              Fonts are not precached: only Dari and Pashto pages use them, and an English reader
//              must not pay ~40 KB for them.
//   headlines  the front page, /latest/ and /lite/ in each language — network-first; the default
//              language's /lite/ is fetched at install.
//   stories    the last STORY_LIMIT stories read (full or lite), least recently read dropped first.
// Everything else goes to the network untouched (no respondWith at all).
//
// What it never keeps: the newsroom's paths (/admin, /preview) and the API, which it does not even
// answer, search results (answered by the network, or the offline page), anything but a GET,
// and any response marked `no-store`. The staff session cookie is HttpOnly, so the worker cannot
// see it; it does not need to: every response to a request carrying that cookie is sent
// `Cache-Control: private, no-store` by the page cache (src/cache/page-cache-hooks.ts) and every
// admin response `no-store` (src/admin/admin.plugin.tsx), and the worker honours no-store as any
// cache must. A signed-in editor's pages therefore never reach a phone's offline copies, and a
// lite-mode reader's pages (`private, no-cache`: kept from shared caches, not from their own
// phone) still do.
const CONFIG = self.DATELINE_OFFLINE
const SHELL_CACHE = `dateline-shell-${CONFIG.version}`
const HEADLINES_CACHE = 'dateline-headlines'
const STORIES_CACHE = 'dateline-stories'
const STORY_LIMIT = 20
/** When a story was last read, in a header of the stored copy: the order for dropping the oldest. */
const READ_AT_HEADER = 'x-dateline-read-at'
/** The newsroom's and the machines' paths: the worker stands aside (no respondWith at all). */
const NEVER_HANDLED_PREFIXES = ['/admin', '/preview', '/api', '/sw.js', '/media', '/feed', '/sitemap']
/** Public pages answered by the network alone, with the offline page when there is none. */
const NEVER_STORED_PREFIXES = ['/search']

self.addEventListener('install', (event) => {
  // The lite front page (about 1 KB) comes too, so that even a reader who only ever opened stories
  // from links has the latest headlines offline. Best effort: the worker installs without it.
  const headlines = caches
    .open(HEADLINES_CACHE)
    .then((cache) => cache.addAll(CONFIG.precachedHeadlines))
    .catch(() => undefined)
  event.waitUntil(
    Promise.all([caches.open(SHELL_CACHE).then((cache) => cache.addAll(CONFIG.shell)), headlines]).then(() =>
      self.skipWaiting(),
    ),
  )
})

self.addEventListener('activate', (event) => {
  // A new version's shell replaces the old one; read stories and headlines stay.
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names
            .filter((name) => name.startsWith('dateline-shell-') && name !== SHELL_CACHE)
            .map((name) => caches.delete(name)),
        ),
      )
      .then(() => self.clients.claim()),
  )
})

/** "/fa/search" → "/search": the other languages' pages live under /{code}/, and follow the same rules. */
function withoutLanguagePrefix(path) {
  const prefix = CONFIG.languagePrefixes.find((p) => path === p || path.startsWith(`${p}/`))
  return prefix === undefined ? path : path.slice(prefix.length) || '/'
}

function isUnderPrefix(path, prefix) {
  return path === prefix || path.startsWith(`${prefix}/`) || path.startsWith(`${prefix}.`)
}

/** A story's address, full or lite, in any language: /{section}/{slug}, no trailing slash, no file. */
function isStoryPath(path) {
  const segments = path.split('/').filter(Boolean)
  const last = segments[segments.length - 1] ?? ''
  return segments.length >= 2 && !path.endsWith('/') && !last.includes('.')
}

function isStorable(response) {
  if (!response.ok || response.type !== 'basic' || response.redirected) return false
  if (/\bno-store\b/i.test(response.headers.get('cache-control') ?? '')) return false
  return (response.headers.get('content-type') ?? '').startsWith('text/html')
}

/** A copy of the response stamped with the time it was read, so the oldest story can be dropped. */
async function stamped(response) {
  const headers = new Headers(response.headers)
  headers.set(READ_AT_HEADER, String(Date.now()))
  return new Response(await response.blob(), {
    status: response.status,
    statusText: response.statusText,
    headers,
  })
}

async function keepStory(url, response) {
  const cache = await caches.open(STORIES_CACHE)
  await cache.put(url, await stamped(response))
  const requests = await cache.keys()
  if (requests.length <= STORY_LIMIT) return
  const reads = await Promise.all(
    requests.map(async (request) => {
      const stored = await cache.match(request)
      return { request, readAt: Number(stored?.headers.get(READ_AT_HEADER) ?? 0) }
    }),
  )
  reads.sort((a, b) => a.readAt - b.readAt)
  await Promise.all(reads.slice(0, reads.length - STORY_LIMIT).map(({ request }) => cache.delete(request)))
}

/** Network first; the stored copy when the network fails; else the offline page. */
async function navigate(event, url) {
  const sitePath = withoutLanguagePrefix(url.pathname)
  const cacheName = NEVER_STORED_PREFIXES.some((prefix) => isUnderPrefix(sitePath, prefix))
    ? undefined
    : CONFIG.headlinePaths.includes(url.pathname)
      ? HEADLINES_CACHE
      : isStoryPath(sitePath)
        ? STORIES_CACHE
        : undefined
  // Stored without the query string: the site ignores it too (src/cache/cache-key.ts).
  const key = url.origin + url.pathname
  try {
    const response = await fetch(event.request)
    if (cacheName !== undefined && isStorable(response)) {
      const copy = response.clone()
      const keeping =
        cacheName === STORIES_CACHE
          ? keepStory(key, copy)
          : caches.open(HEADLINES_CACHE).then((cache) => cache.put(key, copy))
      event.waitUntil(keeping.catch(() => undefined))
    }
    return response
  } catch (error) {
    const stored = cacheName === undefined ? undefined : await caches.match(key, { cacheName })
    if (stored) {
      // Reading it offline is reading it: it moves to the back of the queue.
      if (cacheName === STORIES_CACHE) event.waitUntil(keepStory(key, stored.clone()).catch(() => undefined))
      return stored
    }
    const offline = await caches.match(CONFIG.offlinePage, { cacheName: SHELL_CACHE })
    if (offline) return offline
    throw error
  }
}

/** Cache first: a hashed asset's bytes never change under its name, nor the shell's within a version. */
async function shellFile(request) {
  const cache = await caches.open(SHELL_CACHE)
  const stored = await cache.match(request)
  if (stored) return stored
  const response = await fetch(request)
  if (response.ok && response.type === 'basic') await cache.put(request, response.clone())
  return response
}

self.addEventListener('fetch', (event) => {
  const request = event.request
  if (request.method !== 'GET') return
  const url = new URL(request.url)
  if (url.origin !== self.location.origin) return
  // The logo lives under /media/ but belongs to the shell; the worker's version changes with it.
  if (url.pathname.startsWith('/assets/') || CONFIG.shell.includes(url.pathname)) {
    if (request.mode !== 'navigate') event.respondWith(shellFile(request))
    return
  }
  const sitePath = withoutLanguagePrefix(url.pathname)
  if (NEVER_HANDLED_PREFIXES.some((prefix) => isUnderPrefix(sitePath, prefix))) return
  if (request.mode === 'navigate') event.respondWith(navigate(event, url))
})
