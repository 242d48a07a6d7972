// Search in a mirror copy, without a server: the copy's search page loads this file and
// index-<language>.js (window.DATELINE_MIRROR_INDEX: headline, summary, date, section, link of
// every story), reads ?q= from its own address, and lists the stories whose words contain every
// word asked for. Results are built with DOM methods and textContent only (no HTML from data),
// and nothing is inline: the strict Content-Security-Policy holds.
;(() => {
  const index = window.DATELINE_MIRROR_INDEX
  const form = document.getElementById('mirror-search')
  const results = document.getElementById('mirror-results')
  const status = document.getElementById('mirror-status')
  if (!index || !form || !results || !status) return
  form.hidden = false
  const noScript = document.getElementById('mirror-search-needs-script')
  if (noScript) noScript.hidden = true

  // The same folding as the site's own search: case, Arabic/Persian letter forms, diacritics, digits.
  const fold = (text) =>
    text
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[\u064B-\u065F]|\u0670|[\u0300-\u036F]|\u200C|\u200D|\u0640/g, '')
      .replace(/[يى]/g, 'ی')
      .replace(/ك/g, 'ک')
      .replace(/[أإآ]/g, 'ا')
      .replace(/ة/g, 'ه')
      .replace(/[۰-۹]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
      .replace(/[٠-٩]/g, (d) => String(d.charCodeAt(0) - 0x0660))
  const entries = index.stories.map((story) => ({ story, text: fold(`${story.h} ${story.e} ${story.s}`) }))

  const query = new URLSearchParams(window.location.search).get('q') || ''
  const input = form.querySelector('input[name="q"]')
  if (input) input.value = query
  const words = fold(query)
    .split(/[\s\p{P}]+/u)
    .filter((w) => w !== '')
  if (words.length === 0) return
  const found = entries.filter((entry) => words.every((word) => entry.text.includes(word))).slice(0, 100)
  const counts = index.messages
  status.textContent = (
    found.length === 0 ? counts.none : found.length === 1 ? counts.one : counts.other
  ).replace('#', String(found.length))
  for (const { story } of found) {
    const item = document.createElement('li')
    const link = document.createElement('a')
    link.href = story.u
    link.textContent = story.h
    const meta = document.createElement('p')
    meta.className = 'meta'
    meta.textContent = `${story.s} · ${story.d}`
    const summary = document.createElement('p')
    summary.textContent = story.e
    item.append(link, meta, summary)
    results.append(item)
  }
})()
