import { useLocale } from '../i18n/locale-context.ts'
import { type AdminChrome, AdminLayout } from './admin-layout.tsx'
import { type AdminMessageKey, adminTranslate } from './admin-messages.ts'

const HEADINGS: Record<number, AdminMessageKey> = {
  400: 'admin.error.heading.400',
  401: 'admin.error.heading.401',
  403: 'admin.error.heading.403',
  404: 'admin.error.heading.404',
  409: 'admin.error.heading.409',
  410: 'admin.error.heading.410',
  422: 'admin.error.heading.422',
  429: 'admin.error.heading.429',
}

/**
 * Error codes (docs/errors.md) whose meaning the catalog says in every language. English pages show
 * the error's own message, which can be more specific; other languages show this one, and an error
 * without an entry shows the page heading's general sentence.
 */
const CODE_MESSAGES: Partial<Record<string, AdminMessageKey>> = {
  UNAUTHENTICATED: 'admin.error.code.UNAUTHENTICATED',
  FORBIDDEN: 'admin.error.code.FORBIDDEN',
  NOT_FOUND: 'admin.error.code.NOT_FOUND',
  STORY_CONFLICT: 'admin.error.code.STORY_CONFLICT',
  STALE_FORM: 'admin.error.code.STALE_FORM',
  STORY_STATE: 'admin.error.code.STORY_STATE',
  SECTION_IN_USE: 'admin.error.code.SECTION_IN_USE',
  LAST_ADMIN: 'admin.error.code.LAST_ADMIN',
  MEDIA_IN_USE: 'admin.error.code.MEDIA_IN_USE',
  MEDIA_TOO_LARGE: 'admin.error.code.MEDIA_TOO_LARGE',
  MEDIA_TYPE_UNSUPPORTED: 'admin.error.code.MEDIA_TYPE_UNSUPPORTED',
  MEDIA_DAMAGED: 'admin.error.code.MEDIA_DAMAGED',
  MEDIA_TOO_MANY_PIXELS: 'admin.error.code.MEDIA_TOO_MANY_PIXELS',
  MEDIA_ALT_MISSING: 'admin.error.code.MEDIA_ALT_MISSING',
  EMAIL_TAKEN: 'admin.error.code.EMAIL_TAKEN',
  SLUG_TAKEN: 'admin.error.code.SLUG_TAKEN',
  WEBHOOK_URL_REFUSED: 'admin.error.code.WEBHOOK_URL_REFUSED',
  RESET_LINK_INVALID: 'admin.error.code.RESET_LINK_INVALID',
  INVITE_LINK_INVALID: 'admin.error.code.INVITE_LINK_INVALID',
  CSRF_INVALID: 'admin.error.csrf',
  BAD_REQUEST: 'admin.error.badRequest',
  INTERNAL: 'admin.error.internal',
}

/** The sentence an error page shows, in the page's language (see CODE_MESSAGES). */
export function errorMessageKey(code: string): AdminMessageKey {
  return CODE_MESSAGES[code] ?? 'admin.error.generic'
}

export function AdminErrorPage(props: {
  chrome: AdminChrome
  status: number
  code: string
  /** The error's own message, in English: shown as it is on English pages. */
  message: string
}) {
  const locale = useLocale()
  const t = adminTranslate(locale)
  const heading = t(HEADINGS[props.status] ?? 'admin.error.heading.other')
  const message = locale.language === 'en' ? props.message : t(errorMessageKey(props.code))
  return (
    <AdminLayout chrome={props.chrome} title={heading}>
      <section class="admin-error" data-code={props.code}>
        <h1>{heading}</h1>
        <p>{message}</p>
        <p>
          {props.chrome.user ? (
            <a href="/admin">{t('admin.error.backToDashboard')}</a>
          ) : (
            <a href="/admin/login">{t('admin.error.signIn')}</a>
          )}
        </p>
      </section>
    </AdminLayout>
  )
}
