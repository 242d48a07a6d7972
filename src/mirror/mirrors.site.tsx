// /mirrors/ (and /fa/mirrors/, /ps/mirrors/): the addresses where readers find the site when its
// domain is blocked, from the site setting (src/settings). Every page links here from its footer;
// exported copies carry this page too, so a reader who has one copy can find the next address.
import type { FastifyInstance, FastifyReply } from 'fastify'
import type { AppContext } from '../context.ts'
import { absoluteUrl, buildChrome, redirectTo, sendPage } from '../http/site-pages.ts'
import { localizedPath, SITE_LANGUAGES } from '../i18n/languages.ts'
import { getSiteSettings } from '../settings/settings.service.ts'
import { Layout } from '../views/layout.tsx'
import { isOnionAddress } from './mirror-hosts.ts'

export const MIRRORS_PATH = '/mirrors/'
/** Purged by every settings save (a site-wide change); named so the page cache keeps the page. */
export const MIRRORS_KEY = 'mirrors'

async function showMirrors(ctx: AppContext, reply: FastifyReply, language: string): Promise<FastifyReply> {
  const settings = await getSiteSettings(ctx)
  const chrome = await buildChrome(ctx, language, reply.request)
  const { t } = chrome.locale
  const path = localizedPath(MIRRORS_PATH, language, settings.defaultLanguage)
  return sendPage(
    reply,
    <Layout chrome={chrome} head={{ title: t('mirrors.title'), canonicalUrl: absoluteUrl(ctx, path) }}>
      <div class="mirrors-page">
        <h1>{t('mirrors.title')}</h1>
        <p>{t('mirrors.intro')}</p>
        {settings.mirrorHosts.length === 0 ? (
          <p>{t('mirrors.none')}</p>
        ) : (
          <ul class="mirror-list">
            {settings.mirrorHosts.map((host) => (
              <li key={host}>
                <a href={host} dir="ltr">
                  {host}
                </a>
                {isOnionAddress(host) ? ` (${t('mirrors.onion')})` : null}
              </li>
            ))}
          </ul>
        )}
        <p>{t('mirrors.keepThis')}</p>
      </div>
    </Layout>,
    { surrogateKeys: [MIRRORS_KEY] },
  )
}

export function registerMirrorsPage(app: FastifyInstance, ctx: AppContext): void {
  app.get(MIRRORS_PATH, async (_request, reply) =>
    showMirrors(ctx, reply, (await getSiteSettings(ctx)).defaultLanguage),
  )
  for (const code of SITE_LANGUAGES) {
    app.get(`/${code}${MIRRORS_PATH}`, async (_request, reply) => {
      // The default language lives at the root: its prefixed address is not one of its own.
      if (code === (await getSiteSettings(ctx)).defaultLanguage) return redirectTo(reply, MIRRORS_PATH)
      return showMirrors(ctx, reply, code)
    })
  }
}
