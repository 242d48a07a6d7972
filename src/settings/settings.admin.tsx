// /admin/settings (administrators): the site's name, logo, default language, time zone, feeds, and the
// calendar and digits of Dari and Pashto pages. The environment's values are the defaults; what is
// saved here overrides them, on the public site at once (the page cache is purged on save).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { type AdminChrome, AdminLayout, CsrfField, Notice, ProblemList } from '../admin/admin-layout.tsx'
import { adminT, useAdminT } from '../admin/admin-messages.ts'
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
import { translateErrorMessage, translateFieldErrors, translateProblems } from '../admin/problem-messages.ts'
import { queryParam } from '../admin/route-params.ts'
import { requireActor } from '../auth/route-access.ts'
import type { AppContext } from '../context.ts'
import { AppError, ValidationError } from '../errors.ts'
import type { MediaView } from '../media/media.service.ts'
import {
  getSiteSettings,
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
  const t = useAdminT()
  return (
    <AdminLayout chrome={chrome} title={t('admin.settings.title')}>
      <h1>{t('admin.settings.title')}</h1>
      {props.notice ? <Notice kind="success">{props.notice}</Notice> : null}
      <p>{t('admin.settings.intro')}</p>
      <section class="panel" aria-labelledby="settings-heading">
        <h2 id="settings-heading">{t('admin.settings.heading')}</h2>
        <ProblemList problems={props.problems} />
        <form method="post" action="/admin/settings" class="stacked-form">
          <CsrfField token={chrome.csrfToken} />
          <input type="hidden" name="version" value={props.version} />
          <TextField
            name="siteName"
            label={t('admin.settings.siteName')}
            value={values.siteName}
            errors={props.errors}
            maxLength={MAX_SITE_NAME_LENGTH}
            dir="auto"
            hint={t('admin.settings.siteNameHint', { value: defaults.siteName })}
            isRequired
          />
          {props.logo ? (
            <img
              class="logo-preview"
              src={props.logo.url}
              alt={t('admin.settings.currentLogo', { alt: props.logo.alt })}
            />
          ) : null}
          <TextField
            name="logoMediaId"
            label={t('admin.settings.logo')}
            value={values.logoMediaId}
            errors={props.errors}
            inputMode="numeric"
            hint={t('admin.settings.logoHint')}
          />
          <SelectField
            name="defaultLanguage"
            label={t('admin.settings.defaultLanguage')}
            value={values.defaultLanguage}
            errors={props.errors}
            options={SITE_LANGUAGES.map((l) => ({ value: l, label: t(`admin.language.${l}`) }))}
            hint={t('admin.settings.defaultLanguageHint', { value: defaults.defaultLanguage })}
          />
          <TextField
            name="timeZone"
            label={t('admin.settings.timeZone')}
            value={values.timeZone}
            errors={props.errors}
            dir="ltr"
            autocomplete="off"
            hint={t('admin.settings.timeZoneHint', { value: defaults.timeZone })}
          />
          {props.zones.length > 0 ? (
            <details class="zone-list">
              <summary>{t('admin.settings.allZones')}</summary>
              <p class="hint">{props.zones.join(' · ')}</p>
            </details>
          ) : null}
          <CheckboxField
            name="feedsFullContent"
            label={t('admin.settings.feedsFull')}
            isChecked={values.feedsFullContent === 'on'}
            errors={props.errors}
            hint={t('admin.settings.feedsFullHint')}
          />
          <CheckboxField
            name="solarHijri"
            label={t('admin.settings.solarHijri')}
            isChecked={values.solarHijri === 'on'}
            errors={props.errors}
            hint={t('admin.settings.solarHijriHint')}
          />
          <CheckboxField
            name="easternNumerals"
            label={t('admin.settings.easternDigits')}
            isChecked={values.easternNumerals === 'on'}
            errors={props.errors}
            hint={t('admin.settings.easternDigitsHint')}
          />
          <TextAreaField
            name="mirrorHosts"
            label={t('admin.settings.mirrors')}
            value={values.mirrorHosts ?? ''}
            rows={3}
            maxLength={4000}
            errors={props.errors}
            hint={t('admin.settings.mirrorsHint')}
          />
          <p class="hint">
            {props.staticDir
              ? t('admin.settings.staticOn', { dir: props.staticDir })
              : t('admin.settings.staticOff')}
          </p>
          <button type="submit">{t('admin.settings.save')}</button>
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
        queryParam(request, 'notice') === 'saved' ? adminT(request)('admin.settings.noticeSaved') : undefined,
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
        const problems = formLevelProblems(translateProblems(request, error), error.fields)
        const errors = translateFieldErrors(request, error)
        return showSettings(ctx, request, reply, { problems, errors, values, status: 422 })
      }
      if (error instanceof AppError && error.code === 'STALE_FORM')
        return showSettings(ctx, request, reply, {
          problems: [translateErrorMessage(request, error)],
          values,
          status: 409,
        })
      throw error
    }
    return reply.redirect('/admin/settings?notice=saved', 303)
  })
}
