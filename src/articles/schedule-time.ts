// The editor's "publish at" field is a datetime-local in the site's time zone ("2026-11-28T07:30"),
// while the database keeps UTC. These two conversions are the only place that crosses over.
import { toZonedIso } from '../lib/time.ts'

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/

/** Site-local "YYYY-MM-DDTHH:MM" → ISO UTC, or undefined when it is not such a value. */
export function siteLocalToUtc(local: string, timeZone: string): string | undefined {
  const match = LOCAL.exec(local.trim())
  if (!match) return undefined
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number]
  const asUtc = Date.UTC(y, mo - 1, d, h, mi)
  if (Number.isNaN(asUtc)) return undefined
  // The zone's offset at that moment; asked twice so a change of offset in between is settled.
  let guess = asUtc
  for (let i = 0; i < 2; i += 1) {
    const zoned = toZonedIso(new Date(guess).toISOString(), timeZone)
    const sign = zoned.at(-6) === '-' ? -1 : 1
    const offsetMs = sign * (Number(zoned.slice(-5, -3)) * 60 + Number(zoned.slice(-2))) * 60_000
    guess = asUtc - offsetMs
  }
  return new Date(guess).toISOString()
}

/** ISO UTC → the site-local value a datetime-local input shows. */
export function utcToSiteLocal(iso: string, timeZone: string): string {
  return toZonedIso(iso, timeZone).slice(0, 16)
}
