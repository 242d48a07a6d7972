// Turns a pasted address into an embed the body sanitizer allows, or says why it cannot be one.
// Pure, so the editor island (in the browser) and the tests share it. Videos become iframes on the
// privacy-friendly players the sanitizer and the CSP allow (frame-src); social posts cannot run
// their providers' scripts under our CSP, so they become a quote card that links to the post.

export type Embed =
  | { kind: 'video'; provider: 'YouTube' | 'Vimeo'; src: string; title: string }
  | { kind: 'social'; provider: string; url: string }
  | { kind: 'refused'; reason: EmbedRefusal; host?: string; message: string }

/** Why an address cannot be embedded: the island shows it in the page's language (editor-messages.ts). */
export type EmbedRefusal = 'not-web' | 'not-https' | 'no-youtube-video' | 'no-vimeo-video' | 'host-refused'

const SOCIAL_HOSTS: Record<string, string> = {
  'x.com': 'X',
  'twitter.com': 'X',
  'mobile.twitter.com': 'X',
  'bsky.app': 'Bluesky',
  'www.instagram.com': 'Instagram',
  'instagram.com': 'Instagram',
  'www.facebook.com': 'Facebook',
  'facebook.com': 'Facebook',
  'www.threads.net': 'Threads',
  'www.tiktok.com': 'TikTok',
}

const YOUTUBE_ID = /^[A-Za-z0-9_-]{11}$/

function youtubeId(url: URL): string | undefined {
  const host = url.hostname.replace(/^(www|m)\./, '')
  if (host === 'youtu.be') return url.pathname.slice(1).split('/')[0]
  if (host !== 'youtube.com' && host !== 'youtube-nocookie.com') return undefined
  if (url.pathname === '/watch') return url.searchParams.get('v') ?? undefined
  const match = /^\/(?:embed|shorts|live)\/([^/?#]+)/.exec(url.pathname)
  return match?.[1]
}

export function embedFromUrl(input: string): Embed {
  let url: URL
  try {
    url = new URL(input.trim())
  } catch {
    return {
      kind: 'refused',
      reason: 'not-web',
      message: 'That is not a web address. Paste the address of the video or post.',
    }
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return {
      kind: 'refused',
      reason: 'not-https',
      message: 'Only web addresses (https://…) can be embedded.',
    }
  }
  const id = youtubeId(url)
  if (id !== undefined) {
    if (!YOUTUBE_ID.test(id))
      return {
        kind: 'refused',
        reason: 'no-youtube-video',
        message: 'That YouTube address has no video in it.',
      }
    return {
      kind: 'video',
      provider: 'YouTube',
      src: `https://www.youtube-nocookie.com/embed/${id}`,
      title: 'YouTube video',
    }
  }
  const host = url.hostname.replace(/^www\./, '')
  if (host === 'vimeo.com' || host === 'player.vimeo.com') {
    const match = /\/(\d{1,12})(?:[/?#]|$)/.exec(url.pathname)
    if (!match)
      return { kind: 'refused', reason: 'no-vimeo-video', message: 'That Vimeo address has no video in it.' }
    return {
      kind: 'video',
      provider: 'Vimeo',
      src: `https://player.vimeo.com/video/${match[1]}`,
      title: 'Vimeo video',
    }
  }
  const social = SOCIAL_HOSTS[url.hostname]
  if (social !== undefined) {
    url.protocol = 'https:'
    url.hash = ''
    return { kind: 'social', provider: social, url: url.href }
  }
  return {
    kind: 'refused',
    reason: 'host-refused',
    host: url.hostname,
    message: `Embeds from ${url.hostname} are not allowed. Allowed: YouTube and Vimeo videos; posts from X, Bluesky, Instagram, Facebook, Threads and TikTok (shown as a linked quote). Add a plain link instead.`,
  }
}
