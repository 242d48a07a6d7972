// The story editor's small JSON helpers: tag suggestions and one image by its number.
import type { FastifyInstance } from 'fastify'
import { translateErrorMessage } from '../admin/problem-messages.ts'
import type { AppContext } from '../context.ts'
import { AppError, NotFoundError } from '../errors.ts'
import { requireUsableMedia } from '../media/media.service.ts'
import { listTagsWithCounts } from '../tags/tags.service.ts'
import { queryOf } from './story-request.ts'

export function registerStoryApiRoutes(admin: FastifyInstance, ctx: AppContext): void {
  // Tag suggestions for the editor's tags field.
  admin.get('/api/tags', { config: { capability: 'story.create' } }, async (request, reply) => {
    const q = (queryOf(request).q ?? '').trim().slice(0, 80)
    if (q === '') return reply.send([])
    const tags = await listTagsWithCounts(ctx, { search: q })
    return reply.send(tags.items.slice(0, 10).map((t) => ({ name: t.name, slug: t.slug })))
  })

  // One image by its number, for the editor's "insert image" panel (the media library's picker,
  // /admin/api/media, is what browsing uses).
  admin.get('/api/story-media/:id', { config: { capability: 'story.create' } }, async (request, reply) => {
    const { id } = request.params as { id: string }
    try {
      if (!/^\d{1,9}$/.test(id))
        throw new NotFoundError(`There is no image number ${id.slice(0, 20)} in the media library.`)
      const media = await requireUsableMedia(ctx, Number(id))
      return reply.send({
        id: media.id,
        url: media.fallbackUrl,
        alt: media.alt,
        caption: media.caption,
        credit: media.credit,
      })
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500) throw error
      // Shown in the editor's image panel: in the person's admin language.
      const message = translateErrorMessage(request, error)
      return reply.status(error.status).send({ error: { code: error.code, message } })
    }
  })
}
