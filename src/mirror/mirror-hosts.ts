// The newsroom's mirror addresses: other hosts, an .onion address, where readers find the site
// when its own domain is blocked. A site setting (src/settings), listed on /mirrors/ and in every
// exported copy, so a reader who has one copy can find the next.

export const MAX_MIRROR_HOSTS = 20
const MAX_MIRROR_URL_LENGTH = 200

export interface ParsedMirrorHosts {
  hosts: string[]
  problems: string[]
}

/** One address a line; blank lines ignored. Only plain http(s) addresses, without credentials. */
export function parseMirrorHosts(text: string): ParsedMirrorHosts {
  const hosts: string[] = []
  const problems: string[] = []
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim()
    if (line === '') continue
    let url: URL
    try {
      url = new URL(line)
    } catch {
      problems.push(
        `"${line.slice(0, 80)}" is not an address: write it whole, e.g. https://mirror.example.org/`,
      )
      continue
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      problems.push(`"${line.slice(0, 80)}" must start with https:// (or http:// for an .onion address)`)
    else if (url.username !== '' || url.password !== '')
      problems.push(`"${url.host}" must not carry a user name or password`)
    else if (line.length > MAX_MIRROR_URL_LENGTH)
      problems.push(`An address may be at most ${MAX_MIRROR_URL_LENGTH} characters`)
    else {
      const normalized = `${url.origin}${url.pathname.replace(/\/+$/, '')}/`
      if (!hosts.includes(normalized)) hosts.push(normalized)
    }
  }
  if (hosts.length > MAX_MIRROR_HOSTS) problems.push(`List at most ${MAX_MIRROR_HOSTS} mirrors`)
  return { hosts, problems }
}

/** Whether an address is a Tor onion service (shown with a note that it needs Tor Browser). */
export function isOnionAddress(url: string): boolean {
  try {
    return new URL(url).hostname.endsWith('.onion')
  } catch {
    return false
  }
}

/** The stored form: one address a line. */
export function storedMirrorHosts(value: string | undefined): string[] {
  return value === undefined ? [] : parseMirrorHosts(value).hosts
}
