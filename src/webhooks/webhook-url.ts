// Where a webhook may send: http(s) only, no credentials in the URL, and (unless the setting
// allowPrivateWebhookTargets is on) never a private, loopback, link-local or otherwise internal
// address — checked when the URL is saved and again, after DNS resolution, before every send, so
// a webhook cannot be used to reach the server's own network (SSRF).
import { lookup } from 'node:dns/promises'
import { BlockList, isIP } from 'node:net'

function internalAddresses(): BlockList {
  const list = new BlockList()
  for (const [net, prefix] of [
    ['0.0.0.0', 8],
    ['10.0.0.0', 8],
    ['100.64.0.0', 10],
    ['127.0.0.0', 8],
    ['169.254.0.0', 16],
    ['172.16.0.0', 12],
    ['192.0.0.0', 24],
    ['192.168.0.0', 16],
    ['198.18.0.0', 15],
    ['224.0.0.0', 4],
    ['240.0.0.0', 4],
  ] as const) {
    list.addSubnet(net, prefix, 'ipv4')
  }
  for (const [net, prefix] of [
    ['::', 128],
    ['::1', 128],
    ['fc00::', 7],
    ['fe80::', 10],
    ['ff00::', 8],
    ['::ffff:0:0', 96],
    ['64:ff9b::', 96],
  ] as const) {
    list.addSubnet(net, prefix, 'ipv6')
  }
  return list
}

export function isInternalAddress(address: string): boolean {
  const family = isIP(address)
  if (family === 0) return false
  const list = internalAddresses()
  if (family === 6) {
    // An IPv4-mapped address is judged as the IPv4 address it carries.
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)
    if (mapped?.[1]) return list.check(mapped[1], 'ipv4')
    return list.check(address, 'ipv6')
  }
  return list.check(address, 'ipv4')
}

function hostOf(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, '')
}

/** The problem with a webhook URL, or undefined when it may be saved. */
export function webhookUrlProblem(text: string, allowInternal: boolean): string | undefined {
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return 'Enter a full address starting with https:// (or http://).'
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return 'Only http:// and https:// addresses can receive webhooks.'
  if (url.username !== '' || url.password !== '')
    return 'Put no user name or password in the address; the signature authenticates us.'
  if (text.length > 2000) return 'The address is too long.'
  const host = hostOf(url)
  if (!allowInternal && (host === 'localhost' || host.endsWith('.localhost') || isInternalAddress(host))) {
    return 'This address points inside the server’s own network, which webhooks may not reach.'
  }
  return undefined
}

/** Before each send: every address the name resolves to must be public (unless allowed). */
export async function resolvedTargetProblem(
  text: string,
  allowInternal: boolean,
): Promise<string | undefined> {
  const problem = webhookUrlProblem(text, allowInternal)
  if (problem || allowInternal) return problem
  const host = hostOf(new URL(text))
  if (isIP(host) !== 0) return undefined
  const addresses = await lookup(host, { all: true, verbatim: true }).catch(() => [])
  if (addresses.length === 0) return `The name ${host} does not resolve.`
  if (addresses.some((a) => isInternalAddress(a.address))) return `${host} resolves to an internal address.`
  return undefined
}
