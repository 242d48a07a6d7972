// Staff preview and revisions of a story: /admin/stories/:id/preview (the public template, for any
// state) and /admin/stories/:id/revisions (the kept versions, their difference, restoring one).
import type { FastifyInstance } from 'fastify'
import { type AdminMessageKey, adminT, requestLocale } from '../admin/admin-messages.ts'
import { adminChrome, sendAdminPage } from '../admin/admin-pages.ts'
import { asFormBody, formField } from '../admin/form-body.ts'
import { can } from '../auth/capabilities.ts'
import { requireActor } from '../auth/route-access.ts'
import type { AppContext } from '../context.ts'
import { NotFoundError } from '../errors.ts'
import { absoluteUrl, buildChrome } from '../http/site-pages.ts'
import { LocaleContext } from '../i18n/locale-context.ts'
import { ProvideContext } from '../views/provide-context.tsx'
import { ArticlePage } from './article-page.tsx'
import type { EditorAssets } from './editor-assets.ts'
import { loadStory, storyResource } from './editorial.service.ts'
import { previewArticle } from './preview.service.ts'
import { type compareVersions, diffRevisions, listRevisions, restoreRevision } from './revisions.service.ts'
import { queryOf, storyId } from './story-request.ts'
import { StoryRevisionsPage } from './story-revisions-page.tsx'

const NOTICES: Record<string, AdminMessageKey> = {
  restored: 'admin.revisions.noticeRestored',
}

export function registerStoryRevisionRoutes(
  admin: FastifyInstance,
  ctx: AppContext,
  assets: EditorAssets,
): void {
  admin.get('/stories/:id/preview', { config: { capability: 'story.preview' } }, async (request, reply) => {
    const actor = requireActor(request)
    const article = await previewArticle(ctx, actor, storyId(request))
    // The preview is a staff page: it never registers the readers' offline worker (src/offline/),
    // so nothing a signed-in editor opens starts the worker that keeps pages on the device.
    const chrome = { ...(await buildChrome(ctx, article.language)), offlineScriptUrl: undefined }
    // The story's own language, not the admin's: the preview is the page readers will get.
    const page = (
      <ProvideContext context={LocaleContext} value={chrome.locale}>
        <ArticlePage
          chrome={chrome}
          article={article}
          related={undefined}
          canonicalUrl={absoluteUrl(ctx, article.url)}
        />
      </ProvideContext>
    )
    return sendAdminPage(reply, page)
  })

  admin.get('/stories/:id/revisions', { config: { capability: 'story.edit' } }, async (request, reply) => {
    const actor = requireActor(request)
    const id = storyId(request)
    const row = await loadStory(ctx, id)
    const revisions = await listRevisions(ctx, actor, id)
    const q = queryOf(request)
    const fromId = /^\d{1,9}$/.test(q.from ?? '') ? Number(q.from) : undefined
    const toId = /^\d{1,9}$/.test(q.to ?? '') ? Number(q.to) : undefined
    let comparison:
      | { fromRevision: number; toRevision: number; fields: ReturnType<typeof compareVersions> }
      | undefined
    if (fromId !== undefined && toId !== undefined) {
      const diff = await diffRevisions(ctx, actor, id, fromId, toId)
      comparison = { fromRevision: diff.from.revision, toRevision: diff.to.revision, fields: diff.fields }
    }
    const noticeKey = NOTICES[q.notice ?? '']
    const view = (
      <StoryRevisionsPage
        chrome={adminChrome(ctx, request, reply)}
        assets={await assets.urls()}
        storyId={id}
        headline={row.headline}
        language={row.language}
        currentRevision={row.revision}
        revisions={revisions}
        timeZone={requestLocale(request).timeZone}
        comparison={comparison}
        fromId={fromId}
        toId={toId}
        canRestore={can(actor, 'story.restore-revision', await storyResource(ctx, row))}
        notice={noticeKey && adminT(request)(noticeKey)}
      />
    )
    return sendAdminPage(reply, view)
  })

  admin.post(
    '/stories/:id/revisions/:revisionId/restore',
    { config: { capability: 'story.restore-revision' } },
    async (request, reply) => {
      const actor = requireActor(request)
      const id = storyId(request)
      const { revisionId } = request.params as { revisionId: string }
      if (!/^\d{1,9}$/.test(revisionId)) throw new NotFoundError('There is no such revision of this story.')
      const expected = Number(formField(asFormBody(request.body), 'revision'))
      await restoreRevision(ctx, actor, id, Number(revisionId), expected)
      return reply.redirect(`/admin/stories/${id}/revisions?notice=restored`, 303)
    },
  )
}
