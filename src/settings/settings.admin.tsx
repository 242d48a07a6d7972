// /admin/settings (administrators): the site's name, logo, default language, time zone, feeds, and the
// calendar and digits of Dari and Pashto pages. The environment's values are the defaults; what is
// saved here overrides them, on the public site at once (the page cache is purged on save).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { type AdminChrome, AdminLayout, CsrfField, Notice, ProblemList } from '../admin/admin-layout.tsx'
import { adminChrome, sendAdminPage } from '../admin/admin-pages.ts'
import { asFormBody, formField } from '../admin/form-body.ts'
import {
  CheckboxField,
  type FieldErrors,
  formLevelProblems,
  SelectField,
  TextAreaField,
  TextField,
} from '../admin/form-fields.tsx'
import { queryParam } from '../admin/route-params.ts'
import { requireActor } from '../auth/route-access.ts'
import type { AppContext } from '../context.ts'
import { AppError, ValidationError } from '../errors.ts'
import type { MediaView } from '../media/media.service.ts'
import {
  getSiteSettings,
  LANGUAGE_NAMES,
  MAX_SITE_NAME_LENGTH,
  SITE_LANGUAGES,
  type SiteSettingsInput,
  saveSiteSettings,
  siteLogo,
} from './settings.service.ts'

const ACCESS = { config: { capability: 'settings.manage' } } as const

/** Common newsroom zones first; any IANA name may be typed. */
function timeZoneNames(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone')
  } catch {
    return []
  }
}

type FormValues = Omit<SiteSettingsInput, 'version'>

export function SettingsPage(props: {
  chrome: AdminChrome
  values: FormValues
  version: string
  defaults: { siteName: string; defaultLanguage: string; timeZone: string }
  logo?: MediaView
  notice?: string
  problems: string[]
  errors: FieldErrors
  zones: string[]
  /** STATIC_DIR, shown so that the newsroom knows whether pages are also served as files. */
  staticDir?: string
}) {
  const { chrome, values, defaults } = props
  return (
    <AdminLayout chrome={chrome} title="Site settings">
      <h1>Site settings</h1>
      {props.notice ? <Notice kind="success">{props.notice}</Notice> : null}
      <p>
        These apply to the public site as soon as they are saved. Left at the server’s defaults, they follow
        the server’s configuration.
      </p>
      <section class="panel" aria-labelledby="settings-heading">
        <h2 id="settings-heading">The site</h2>
        <ProblemList problems={props.problems} />
        <form method="post" action="/admin/settings" class="stacked-form">
          <CsrfField token={chrome.csrfToken} />
          <input type="hidden" name="version" value={props.version} />
          <TextField
            name="siteName"
            label="Site name"
            value={values.siteName}
            errors={props.errors}
            maxLength={MAX_SITE_NAME_LENGTH}
            dir="auto"
            hint={`Shown in every page’s header and title. Server default: ${defaults.siteName}.`}
            isRequired
          />
          {props.logo ? (
            <img class="logo-preview" src={props.logo.url} alt={`The current logo: ${props.logo.alt}`} />
          ) : null}
          <TextField
            name="logoMediaId"
            label="Logo: media item number (optional)"
            value={values.logoMediaId}
            errors={props.errors}
            inputMode="numeric"
            hint="Upload the logo in the media library (Media, in the menu); its number is in its address. Empty for none."
          />
          <SelectField
            name="defaultLanguage"
            label="Default language"
            value={values.defaultLanguage}
            errors={props.errors}
            options={SITE_LANGUAGES.map((l) => ({ value: l, label: LANGUAGE_NAMES[l] }))}
            hint={`The language of the stories readers see first. Server default: ${defaults.defaultLanguage}.`}
          />
          <TextField
            name="timeZone"
            label="Time zone"
            value={values.timeZone}
            errors={props.errors}
            dir="ltr"
            autocomplete="off"
            hint={`An IANA name such as Asia/Kabul, Asia/Tehran or Europe/London: dates and times are shown to readers in it. Server default: ${defaults.timeZone}.`}
          />
          {props.zones.length > 0 ? (
            <details class="zone-list">
              <summary>All time zone names</summary>
              <p class="hint">{props.zones.join(' · ')}</p>
            </details>
          ) : null}
          <CheckboxField
            name="feedsFullContent"
            label="Whole stories in feeds"
            isChecked={values.feedsFullContent === 'on'}
            errors={props.errors}
            hint="Feed readers then show each story in full, which helps readers whose connection comes and goes. Unticked, feeds carry only the excerpt and a link."
          />
          <CheckboxField
            name="solarHijri"
            label="Solar Hijri calendar on Dari and Pashto pages"
            isChecked={values.solarHijri === 'on'}
            errors={props.errors}
            hint="Dates read ۶ قوس ۱۴۰۵ rather than 27 November 2026. English pages, addresses and machine-readable dates stay Gregorian."
          />
          <CheckboxField
            name="easternNumerals"
            label="Eastern Arabic-Indic digits (۱۲۳) on Dari and Pashto pages"
            isChecked={values.easternNumerals === 'on'}
            errors={props.errors}
            hint="Dates, page numbers and counts are written ۱۲۳ rather than 123. Addresses and machine-readable values keep 123."
          />
          <TextAreaField
            name="mirrorHosts"
            label="Mirrors"
            value={values.mirrorHosts ?? ''}
            rows={3}
            maxLength={4000}
            errors={props.errors}
            hint="Other addresses where readers find this site when its domain is blocked, one a line (https://mirror.example.org/, an .onion address). Every page links to a list of them, and copies made with `dateline mirror export` carry it."
          />
          <p class="hint">
            {props.staticDir
              ? `Static publishing is on: every public page is kept as a file in ${props.staticDir} (STATIC_DIR) for the web server in front.`
              : 'Static publishing is off (set STATIC_DIR to keep every public page as a file for nginx; see docs/deploy.md).'}
          </p>
          <button type="submit">Save settings</button>
        </form>
      </section>
    </AdminLayout>
  )
}

async function showSettings(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  options: {
    notice?: string
    problems?: string[]
    errors?: FieldErrors
    values?: FormValues
    status?: number
  } = {},
): Promise<FastifyReply> {
  const settings = await getSiteSettings(ctx)
  const values = options.values ?? {
    siteName: settings.siteName,
    logoMediaId: settings.logoMediaId === null ? '' : String(settings.logoMediaId),
    defaultLanguage: settings.defaultLanguage,
    timeZone: settings.timeZone,
    feedsFullContent: settings.feedsFullContent ? 'on' : '',
    solarHijri: settings.solarHijri ? 'on' : '',
    easternNumerals: settings.easternNumerals ? 'on' : '',
    mirrorHosts: settings.mirrorHosts.join('\n'),
  }
  const page = (
    <SettingsPage
      chrome={adminChrome(ctx, request, reply)}
      values={values}
      version={settings.version}
      defaults={{
        siteName: ctx.config.siteName,
        defaultLanguage: ctx.config.defaultLanguage,
        timeZone: ctx.config.timeZone,
      }}
      logo={await siteLogo(ctx, settings)}
      staticDir={ctx.config.staticDir}
      notice={options.notice}
      problems={options.problems ?? []}
      errors={options.errors ?? {}}
      zones={timeZoneNames()}
    />
  )
  return sendAdminPage(reply, page, options.status ?? 200)
}

export function registerSettingsRoutes(admin: FastifyInstance, ctx: AppContext): void {
  admin.get('/settings', ACCESS, async (request, reply) =>
    showSettings(ctx, request, reply, {
      notice:
        queryParam(request, 'notice') === 'saved'
          ? 'The settings are saved and the site shows them now.'
          : undefined,
    }),
  )

  admin.post('/settings', ACCESS, async (request, reply) => {
    const actor = requireActor(request)
    const body = asFormBody(request.body)
    const values: FormValues = {
      siteName: formField(body, 'siteName'),
      logoMediaId: formField(body, 'logoMediaId'),
      defaultLanguage: formField(body, 'defaultLanguage'),
      timeZone: formField(body, 'timeZone'),
      feedsFullContent: formField(body, 'feedsFullContent'),
      solarHijri: formField(body, 'solarHijri'),
      easternNumerals: formField(body, 'easternNumerals'),
      mirrorHosts: formField(body, 'mirrorHosts'),
    }
    try {
      await saveSiteSettings(ctx, actor, { ...values, version: formField(body, 'version') })
    } catch (error) {
      if (error instanceof ValidationError) {
        const problems = formLevelProblems(error.problems, error.fields)
        return showSettings(ctx, request, reply, { problems, errors: error.fields, values, status: 422 })
      }
      if (error instanceof AppError && error.code === 'STALE_FORM')
        return showSettings(ctx, request, reply, { problems: [error.message], values, status: 409 })
      throw error
    }
    return reply.redirect('/admin/settings?notice=saved', 303)
  })
}
