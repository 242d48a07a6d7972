// Site settings an administrator may change in the admin: the site's name, logo, default language,
// time zone, feed content, and the calendar and digits of Dari and Pashto pages. The environment
// gives the defaults; a stored setting overrides its default. The public site reads them through
// getSiteSettings (remembered per app, cleared on save), and a save purges the page cache through
// a site.changed event.
import { recordAudit } from '../audit/audit.service.ts'
import { assertCan } from '../auth/capabilities.ts'
import type { Actor, AppContext } from '../context.ts'
import { ConflictError, ValidationError } from '../errors.ts'
import { SITE_LANGUAGES, type SiteLanguage } from '../i18n/languages.ts'
import { getMediaByIds, type MediaView } from '../media/media.service.ts'
import { parseMirrorHosts, storedMirrorHosts } from '../mirror/mirror-hosts.ts'
import type { StoredSettings } from './settings-cache.ts'

export { SITE_LANGUAGES, type SiteLanguage }

export const LANGUAGE_NAMES: Record<SiteLanguage, string> = {
  en: 'English',
  fa: 'Dari (فارسی)',
  ps: 'Pashto (پښتو)',
}

export const MAX_SITE_NAME_LENGTH = 120

/** The settings table's keys. */
const KEYS = {
  siteName: 'site_name',
  logoMediaId: 'logo_media_id',
  defaultLanguage: 'default_language',
  timeZone: 'time_zone',
  /** '0' when feeds carry excerpts only; absent means whole stories (the default). */
  feedsFullContent: 'feeds_full_content',
  /** '1' when Dari and Pashto pages date in the Solar Hijri calendar; absent means Gregorian. */
  solarHijri: 'solar_hijri_calendar',
  /** '1' when Dari and Pashto pages write Eastern Arabic-Indic digits (۱۲۳); absent means 123. */
  easternNumerals: 'eastern_arabic_numerals',
  /** Mirror addresses, one a line (src/mirror/mirror-hosts.ts); absent means none. */
  mirrorHosts: 'mirror_hosts',
} as const

type SettingName = keyof typeof KEYS

export interface SiteSettings {
  siteName: string
  /** A media item's id, or null for none (the header shows the name as text). */
  logoMediaId: number | null
  defaultLanguage: string
  timeZone: string
  /** Whether feeds carry whole stories (content:encoded, content_html) or excerpts only. */
  feedsFullContent: boolean
  /** Dari and Pashto pages show dates in the Solar Hijri calendar (۶ قوس ۱۴۰۵) rather than the Gregorian. */
  solarHijri: boolean
  /** Dari and Pashto pages show Eastern Arabic-Indic digits (۱۲۳) rather than 123. URLs and ISO values never change. */
  easternNumerals: boolean
  /** Where else readers find the site (other hosts, .onion): listed on /mirrors/ and in exported copies. */
  mirrorHosts: string[]
  /** Which fields are stored overrides rather than the environment's defaults. */
  overridden: Readonly<Record<SettingName, boolean>>
  /** Sent back by the settings form, so a save over someone else's newer save is caught. */
  version: string
}

export function isValidTimeZone(value: string): boolean {
  if (value === '' || value.length > 64) return false
  try {
    new Intl.DateTimeFormat('en', { timeZone: value })
    return true
  } catch {
    return false
  }
}

/** A counter raised by every save (not a time: two saves can share a clock tick). */
const REVISION_KEY = 'settings_revision'

async function loadStored(ctx: AppContext): Promise<StoredSettings> {
  const rows = await ctx.db.selectFrom('settings').select(['key', 'value']).execute()
  const values = new Map(rows.map((row) => [row.key, row.value]))
  return { values, version: values.get(REVISION_KEY) ?? '0' }
}

function readStored(ctx: AppContext): Promise<StoredSettings> {
  return ctx.settingsCache ? ctx.settingsCache.get(() => loadStored(ctx)) : loadStored(ctx)
}

/**
 * The settings in force. A stored value that no longer passes validation (edited by hand, or a
 * time zone dropped from the ICU data) is ignored in favour of the environment's default, so a
 * bad row can never break every page.
 */
export async function getSiteSettings(ctx: AppContext): Promise<SiteSettings> {
  return settingsFrom(ctx, await readStored(ctx))
}

// Parsed once per stored read, not per call: a page asks for the settings many times, and checking
// a stored time zone builds an Intl.DateTimeFormat each time. Keyed by the read (each app's
// settings cache makes its own), so a save, which makes a new read, is never answered from an old
// parse; the config the defaults came from is checked too.
const parsedSettings = new WeakMap<StoredSettings, { config: AppContext['config']; settings: SiteSettings }>()

function settingsFrom(ctx: AppContext, stored: StoredSettings): SiteSettings {
  const remembered = parsedSettings.get(stored)
  if (remembered?.config === ctx.config) return remembered.settings
  const settings = parseSettings(ctx, stored)
  parsedSettings.set(stored, { config: ctx.config, settings })
  return settings
}

function parseSettings(ctx: AppContext, stored: StoredSettings): SiteSettings {
  const name = stored.values.get(KEYS.siteName)?.trim()
  const logo = Number(stored.values.get(KEYS.logoMediaId) ?? '')
  const language = stored.values.get(KEYS.defaultLanguage)
  const timeZone = stored.values.get(KEYS.timeZone)
  const feedsText = stored.values.get(KEYS.feedsFullContent)?.trim().toLowerCase()
  const isFeedsExcerptOnly = feedsText !== undefined && ['0', 'false', 'no', 'off'].includes(feedsText)
  const solarHijri = isStoredOn(stored.values.get(KEYS.solarHijri))
  const easternNumerals = isStoredOn(stored.values.get(KEYS.easternNumerals))
  const mirrorHosts = storedMirrorHosts(stored.values.get(KEYS.mirrorHosts))
  const siteName = name ? name.slice(0, MAX_SITE_NAME_LENGTH) : undefined
  const logoMediaId = Number.isSafeInteger(logo) && logo > 0 ? logo : undefined
  const defaultLanguage =
    language && (SITE_LANGUAGES as readonly string[]).includes(language) ? language : undefined
  const zone = timeZone && isValidTimeZone(timeZone) ? timeZone : undefined
  return {
    siteName: siteName ?? ctx.config.siteName,
    logoMediaId: logoMediaId ?? null,
    defaultLanguage: defaultLanguage ?? ctx.config.defaultLanguage,
    timeZone: zone ?? ctx.config.timeZone,
    feedsFullContent: !isFeedsExcerptOnly,
    solarHijri,
    easternNumerals,
    mirrorHosts,
    overridden: {
      siteName: siteName !== undefined,
      logoMediaId: logoMediaId !== undefined,
      defaultLanguage: defaultLanguage !== undefined,
      timeZone: zone !== undefined,
      feedsFullContent: isFeedsExcerptOnly,
      solarHijri,
      easternNumerals,
      mirrorHosts: mirrorHosts.length > 0,
    },
    version: stored.version,
  }
}

/** A stored flag that is on ('1'); anything else, or nothing, is off. */
function isStoredOn(value: string | undefined): boolean {
  const text = value?.trim().toLowerCase()
  return text !== undefined && ['1', 'true', 'yes', 'on'].includes(text)
}

/** The language readers get when the address does not say: the stored setting, else DEFAULT_LANGUAGE. */
export async function readerLanguage(ctx: AppContext): Promise<string> {
  return (await getSiteSettings(ctx)).defaultLanguage
}

/** readerLanguage without waiting: undefined unless the settings are already read and fresh. */
export function readerLanguageNow(ctx: AppContext): string | undefined {
  const stored = ctx.settingsCache?.peek()
  return stored === undefined ? undefined : settingsFrom(ctx, stored).defaultLanguage
}

/** The logo's image, when one is set and still in the media library. */
export async function siteLogo(ctx: AppContext, settings: SiteSettings): Promise<MediaView | undefined> {
  if (settings.logoMediaId === null) return undefined
  return (await getMediaByIds(ctx, [settings.logoMediaId])).get(settings.logoMediaId)
}

export interface SiteSettingsInput {
  siteName: string
  /** The logo's media id as typed or picked ('' for none). */
  logoMediaId: string
  defaultLanguage: string
  timeZone: string
  /** 'on' for whole stories in feeds (a checkbox), anything else for excerpts only. */
  feedsFullContent: string
  /** 'on' for Solar Hijri dates on Dari and Pashto pages (a checkbox); left out, the setting stays. */
  solarHijri?: string
  /** 'on' for Eastern Arabic-Indic digits on Dari and Pashto pages (a checkbox); left out, it stays. */
  easternNumerals?: string
  /** Mirror addresses, one a line; left out, the setting stays. */
  mirrorHosts?: string
  /** The version the form was opened at (SiteSettings.version). */
  version: string
}

/**
 * Validates and stores the settings in one transaction. A value equal to the environment's
 * default is not stored, so that the environment stays in charge of it. Every problem is reported
 * at once, keyed by field.
 */
export async function saveSiteSettings(
  ctx: AppContext,
  actor: Actor,
  input: SiteSettingsInput,
): Promise<SiteSettings> {
  assertCan(actor, 'settings.manage')
  const fields: Record<string, string> = {}
  const siteName = input.siteName.trim()
  if (siteName === '') fields.siteName = 'The site needs a name'
  else if (siteName.length > MAX_SITE_NAME_LENGTH)
    fields.siteName = `The site name must be at most ${MAX_SITE_NAME_LENGTH} characters`
  const language = input.defaultLanguage.trim()
  if (!(SITE_LANGUAGES as readonly string[]).includes(language))
    fields.defaultLanguage = `The default language must be one of ${SITE_LANGUAGES.join(', ')}`
  const timeZone = input.timeZone.trim()
  if (!isValidTimeZone(timeZone))
    fields.timeZone = `"${timeZone}" is not a known time zone: use an IANA name such as Asia/Kabul or Europe/London`
  const logoText = input.logoMediaId.trim()
  let logoMediaId: number | null = null
  if (logoText !== '') {
    const id = Number(logoText)
    if (!/^\d{1,12}$/.test(logoText) || !Number.isSafeInteger(id) || id <= 0)
      fields.logoMediaId = 'The logo must be a media item’s number, or empty for none'
    else if (!(await getMediaByIds(ctx, [id])).has(id))
      fields.logoMediaId = `There is no media item number ${id}`
    else logoMediaId = id
  }
  const mirrors = input.mirrorHosts === undefined ? undefined : parseMirrorHosts(input.mirrorHosts)
  if (mirrors && mirrors.problems.length > 0) fields.mirrorHosts = mirrors.problems.join('; ')
  if (Object.keys(fields).length > 0) throw new ValidationError(Object.values(fields), fields)

  const before = await getSiteSettings(ctx)
  /** A checkbox: 'on' stores '1', anything else clears it; left out of the input, it keeps its value. */
  const flag = (value: string | undefined, current: boolean): string | undefined =>
    (value === undefined ? current : value === 'on') ? '1' : undefined
  const wanted: Record<SettingName, string | undefined> = {
    siteName: siteName === ctx.config.siteName ? undefined : siteName,
    logoMediaId: logoMediaId === null ? undefined : String(logoMediaId),
    defaultLanguage: language === ctx.config.defaultLanguage ? undefined : language,
    timeZone: timeZone === ctx.config.timeZone ? undefined : timeZone,
    feedsFullContent: input.feedsFullContent === 'on' ? undefined : '0',
    solarHijri: flag(input.solarHijri, before.solarHijri),
    easternNumerals: flag(input.easternNumerals, before.easternNumerals),
    mirrorHosts: (mirrors?.hosts ?? before.mirrorHosts).join('\n') || undefined,
  }
  const now = ctx.clock.now().toISOString()
  await ctx.db.transaction().execute(async (trx) => {
    // Read again inside the transaction: the cache may be older than the newest save.
    const current = await loadStored({ ...ctx, db: trx })
    if (current.version !== input.version) {
      throw new ConflictError(
        'STALE_FORM',
        'Someone else saved the settings while you had this form open. Your changes are still in the form below: check them against the saved values and save again.',
      )
    }
    for (const [name, key] of Object.entries(KEYS) as [SettingName, string][]) {
      const value = wanted[name]
      if (value === undefined) {
        await trx.deleteFrom('settings').where('key', '=', key).execute()
      } else if (current.values.get(key) !== value) {
        await trx
          .insertInto('settings')
          .values({ key, value, updated_at: now })
          .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: now }))
          .execute()
      }
    }
    const revision = String(Number(current.version) + 1)
    await trx
      .insertInto('settings')
      .values({ key: REVISION_KEY, value: revision, updated_at: now })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: revision, updated_at: now }))
      .execute()
  })
  ctx.settingsCache?.clear()
  const after = await getSiteSettings(ctx)
  const changes: Record<string, string> = {}
  for (const name of Object.keys(KEYS) as SettingName[]) {
    if (String(before[name]) !== String(after[name])) changes[name] = String(after[name] ?? 'none')
  }
  if (Object.keys(changes).length > 0) {
    await recordAudit(ctx, actor, 'settings.updated', { type: 'settings', id: 'site' }, changes)
    // The name, language, time zone, calendar and digits are on every page: every cached page is now wrong.
    await ctx.events.emitSiteChange({ type: 'site.changed', what: 'settings', at: now })
  }
  return after
}
