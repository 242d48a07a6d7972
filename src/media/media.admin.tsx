// /admin/media: the media library (grid, upload, edit, delete) and /admin/api/media, the picker
// the story editor asks for images. Registered in a scope of its own inside the admin plugin, so
// multipart parsing (and its 20 MB limit) exists for these routes only; every other admin form
// keeps the small urlencoded limit.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import fastifyMultipart from '@fastify/multipart'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { type AdminMessageKey, adminT } from '../admin/admin-messages.ts'
import { adminChrome, sendAdminPage } from '../admin/admin-pages.ts'
import { asFormBody, type FormBody, formField } from '../admin/form-body.ts'
import { translateErrorMessage, translateProblems } from '../admin/problem-messages.ts'
import { can } from '../auth/capabilities.ts'
import { requireActor } from '../auth/route-access.ts'
import type { AppContext } from '../context.ts'
import { AppError, BadRequestError, NotFoundError, ValidationError } from '../errors.ts'
import { parsePageNumber } from '../lib/pagination.ts'
import {
  deleteMedia,
  getMediaItem,
  getMediaUsage,
  listMedia,
  type MediaText,
  updateMedia,
  uploadMedia,
} from './media.service.ts'
import { type LibraryQuery, MediaEditPage, MediaLibraryPage } from './media-pages.tsx'
import { MAX_UPLOAD_BYTES } from './media-processing.ts'

const css = readFileSync(new URL('./assets/media-admin.css', import.meta.url))
const cssHash = createHash('sha256').update(css).digest('hex').slice(0, 12)
const STYLESHEET_URL = `/admin/media-assets/media-admin.${cssHash}.css`

/** The file field of a parsed upload form (see readUploadForm). */
interface UploadedFile {
  data: Buffer
  fileName: string
  isTooLarge: boolean
}

const FILE_FIELD = 'file'

function uploadedFile(body: FormBody): UploadedFile | undefined {
  const value = body[FILE_FIELD]
  return typeof value === 'object' && value !== null && Buffer.isBuffer((value as UploadedFile).data)
    ? (value as UploadedFile)
    : undefined
}

/**
 * Reads a multipart upload into a plain body ({ _csrf, alt, …, file }), so that the admin's CSRF
 * check (a preHandler, which reads `_csrf` from the body) works for it as for any other form. A
 * file over the limit is not kept: it is marked, and the handler answers with a clear message.
 */
async function readUploadForm(request: FastifyRequest): Promise<FormBody> {
  const body: FormBody = {}
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        const chunks: Buffer[] = []
        for await (const chunk of part.file) if (!part.file.truncated) chunks.push(chunk as Buffer)
        if (part.fieldname !== FILE_FIELD || uploadedFile(body)) continue
        const isTooLarge = part.file.truncated
        body[FILE_FIELD] = {
          data: isTooLarge ? Buffer.alloc(0) : Buffer.concat(chunks),
          fileName: part.filename,
          isTooLarge,
        } satisfies UploadedFile
      } else if (body[part.fieldname] === undefined && typeof part.value === 'string') {
        body[part.fieldname] = part.value
      }
    }
  } catch (error) {
    throw new AppError(
      'BAD_REQUEST',
      'The upload could not be read (it may have been cut short, or sent more than one file). Try again with one image.',
      400,
      { cause: error },
    )
  }
  return body
}

function libraryQuery(request: FastifyRequest): LibraryQuery & { page: number } {
  const query = request.query as Record<string, string | string[] | undefined>
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)
  return {
    q: (first(query.q) ?? '').slice(0, 200),
    isMissingAlt: first(query.alt) === 'missing',
    page: parsePageNumber(first(query.page)),
  }
}

function mediaId(request: FastifyRequest): number {
  const { id } = request.params as { id: string }
  if (!/^\d{1,9}$/.test(id)) throw new NotFoundError('There is no such image in the media library.')
  return Number(id)
}

function textFrom(body: FormBody): MediaText {
  return {
    alt: formField(body, 'alt'),
    caption: formField(body, 'caption'),
    credit: formField(body, 'credit'),
  }
}

function problemsOf(request: FastifyRequest, error: AppError): string[] {
  if (error instanceof ValidationError) return translateProblems(request, error)
  if (error.code === 'MEDIA_FILE_MISSING') return [adminT(request)('admin.media.chooseFile')]
  if (error.code === 'MEDIA_TOO_LARGE')
    return [adminT(request)('admin.media.tooLarge', { max: MAX_UPLOAD_BYTES / (1024 * 1024) })]
  if (error.code === 'BAD_REQUEST') return [adminT(request)('admin.media.uploadUnreadable')]
  return [translateErrorMessage(request, error)]
}

async function showLibrary(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  options: { problems?: string[]; form?: Partial<MediaText>; status?: number } = {},
): Promise<FastifyReply> {
  const actor = requireActor(request)
  const { page, ...query } = libraryQuery(request)
  const [result, missing] = await Promise.all([
    listMedia(ctx, actor, { q: query.q, isMissingAlt: query.isMissingAlt }, page),
    listMedia(ctx, actor, { isMissingAlt: true }, 1, 1),
  ])
  if (page > result.pageCount) throw new NotFoundError('There is no such page of the media library.')
  const view = (
    <MediaLibraryPage
      chrome={adminChrome(ctx, request, reply)}
      stylesheetUrl={STYLESHEET_URL}
      items={result.items}
      query={query}
      page={page}
      pageCount={result.pageCount}
      total={result.total}
      missingAltTotal={missing.total}
      canUpload={can(actor, 'media.upload')}
      problems={options.problems ?? []}
      form={options.form ?? {}}
    />
  )
  return sendAdminPage(reply, view, options.status ?? 200)
}

const NOTICES: Record<string, AdminMessageKey> = {
  uploaded: 'admin.media.noticeUploaded',
  saved: 'admin.editor.noticeSaved',
}

async function showEdit(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  options: { problems?: string[]; form?: Partial<MediaText>; status?: number; notice?: string } = {},
): Promise<FastifyReply> {
  const actor = requireActor(request)
  const id = mediaId(request)
  const [item, usage] = await Promise.all([getMediaItem(ctx, actor, id), getMediaUsage(ctx, id)])
  const view = (
    <MediaEditPage
      chrome={adminChrome(ctx, request, reply)}
      stylesheetUrl={STYLESHEET_URL}
      item={item}
      usage={{ stories: usage.articleIds.length, authors: usage.authorIds.length }}
      timeZone={ctx.config.timeZone}
      notice={options.notice}
      problems={options.problems ?? []}
      form={options.form}
    />
  )
  return sendAdminPage(reply, view, options.status ?? 200)
}

async function mediaScope(scope: FastifyInstance, ctx: AppContext): Promise<void> {
  await scope.register(fastifyMultipart, {
    limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 10, fieldSize: 16 * 1024, parts: 12 },
    throwFileSizeLimit: false,
  })
  scope.addHook('preValidation', async (request) => {
    if (!request.isMultipart()) return
    // Nobody signed in, or a role that may not upload: the body is not read at all, and the
    // route-access check that follows answers.
    const session = request.session
    if (session.kind !== 'signed-in' || !can(session.actor, 'media.upload')) return
    request.body = await readUploadForm(request)
  })

  scope.get('/media-assets/:file', { config: { capability: 'public' } }, async (request, reply) => {
    const { file } = request.params as { file: string }
    if (`/admin/media-assets/${file}` !== STYLESHEET_URL) return reply.callNotFound()
    return reply
      .header('content-type', 'text/css; charset=utf-8')
      .header('cache-control', 'public, max-age=31536000, immutable')
      .send(css)
  })

  scope.get('/media', { config: { capability: 'media.upload' } }, async (request, reply) =>
    showLibrary(ctx, request, reply),
  )

  scope.post('/media', { config: { capability: 'media.upload' } }, async (request, reply) => {
    const actor = requireActor(request)
    const body = asFormBody(request.body)
    const form = textFrom(body)
    const file = uploadedFile(body)
    try {
      if (!request.isMultipart())
        throw new BadRequestError('Send the upload form as multipart/form-data.', 'MEDIA_FILE_MISSING')
      if (!file || (file.data.length === 0 && !file.isTooLarge))
        throw new AppError('MEDIA_FILE_MISSING', 'Choose an image file to upload.', 400)
      if (file.isTooLarge)
        throw new AppError(
          'MEDIA_TOO_LARGE',
          `This file is larger than ${MAX_UPLOAD_BYTES / (1024 * 1024)} MB, so it was not uploaded. Make it smaller (a photo for the web rarely needs more than 5 MB) and try again.`,
          413,
        )
      const id = await uploadMedia(ctx, actor, { data: file.data, fileName: file.fileName, ...form })
      return reply.redirect(`/admin/media/${id}?done=uploaded`, 303)
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500) throw error
      request.log.info({ code: error.code }, 'media upload refused')
      return showLibrary(ctx, request, reply, {
        problems: problemsOf(request, error),
        form,
        status: error.status,
      })
    }
  })

  scope.get('/media/:id', { config: { capability: 'media.upload' } }, async (request, reply) => {
    const done = (request.query as Record<string, unknown>).done
    const notice = typeof done === 'string' ? NOTICES[done] : undefined
    return showEdit(ctx, request, reply, { notice: notice && adminT(request)(notice) })
  })

  scope.post('/media/:id', { config: { capability: 'media.edit' } }, async (request, reply) => {
    const actor = requireActor(request)
    const id = mediaId(request)
    const form = textFrom(asFormBody(request.body))
    try {
      await updateMedia(ctx, actor, id, form)
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error
      return showEdit(ctx, request, reply, {
        problems: translateProblems(request, error),
        form,
        status: error.status,
      })
    }
    return reply.redirect(`/admin/media/${id}?done=saved`, 303)
  })

  scope.post('/media/:id/delete', { config: { capability: 'media.delete' } }, async (request, reply) => {
    const actor = requireActor(request)
    const id = mediaId(request)
    if (formField(asFormBody(request.body), 'confirm') !== 'yes')
      return showEdit(ctx, request, reply, {
        problems: [adminT(request)('admin.media.tickToConfirm')],
        status: 422,
      })
    try {
      await deleteMedia(ctx, actor, id)
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'MEDIA_IN_USE') throw error
      return showEdit(ctx, request, reply, { problems: problemsOf(request, error), status: error.status })
    }
    return reply.redirect('/admin/media', 303)
  })

  await scope.register(async (api) => {
    // JSON in, JSON out: errors here are answered as {"error": {code, message}}, not as a page.
    api.setErrorHandler(async (error, request, reply) => {
      const appError = error instanceof AppError ? error : undefined
      const status = appError?.status ?? 500
      if (status >= 500) request.log.error({ err: error }, 'media picker failed')
      return reply.status(status).send({
        error: {
          code: appError?.code ?? 'INTERNAL',
          message: appError?.isSafeToShow ? appError.message : 'Something went wrong.',
        },
      })
    })
    // The story editor's image picker: images with alt text only (the others cannot be used).
    // Contributors may pick from the library for their stories, though they may not upload.
    api.get('/api/media', { config: { capability: 'story.edit' } }, async (request, reply) => {
      const actor = requireActor(request)
      const { q, page } = libraryQuery(request)
      const result = await listMedia(ctx, actor, { q, isUsableOnly: true }, page)
      return reply.send({
        items: result.items.map((m) => ({
          id: m.id,
          url: m.fallbackUrl,
          thumbUrl: m.thumbUrl,
          srcset: m.srcset,
          alt: m.alt,
          caption: m.caption,
          credit: m.credit,
          width: m.width,
          height: m.height,
        })),
        page: result.page,
        pageCount: result.pageCount,
        total: result.total,
      })
    })
  })
}

/** Added to the admin plugin's ROUTE_REGISTRARS. */
export function registerMediaRoutes(admin: FastifyInstance, ctx: AppContext): void {
  // Registered (not awaited) like any plugin: Fastify loads it before the admin starts listening.
  admin.register(async (scope) => mediaScope(scope, ctx))
}
