// Turning an uploaded file into the files the media library stores. The type is decided by the
// file's own bytes (never its name or the browser's Content-Type); every stored file, the original
// included, is re-encoded by sharp, which writes no metadata unless asked: no EXIF, GPS position,
// camera serial, XMP or IPTC ever reaches the disk. A journalist's photo must never reveal where it
// was taken or with which camera. Orientation is applied to the pixels first, colours are
// converted to sRGB (so the ICC profile is not needed).
import { randomBytes } from 'node:crypto'
import type { Sharp } from 'sharp'
import { AppError } from '../errors.ts'
import { loadSharp } from '../lib/load-sharp.ts'
import { slugify } from '../lib/slugify.ts'
import { type MediaStorage, resolveInside } from './storage.ts'

export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024
/** 100 megapixels: above any camera a newsroom uses, far below what would exhaust the server. */
export const MAX_INPUT_PIXELS = 100_000_000
/** Widths made at upload (never wider than the original). */
export const VARIANT_WIDTHS: readonly number[] = [360, 720, 1080, 1600]
/** The 360 px copies (what a phone loads) must fit the slow-connection budget (issue 5, section 5). */
export const PHONE_WIDTH = 360
export const PHONE_VARIANT_BUDGET_BYTES = 20 * 1024

export type ImageFormat = 'jpeg' | 'png' | 'webp' | 'avif' | 'gif'

export const MIME_TYPES: Readonly<Record<ImageFormat, string>> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  avif: 'image/avif',
  gif: 'image/gif',
}

const EXTENSIONS: Readonly<Record<ImageFormat, string>> = {
  jpeg: 'jpg',
  png: 'png',
  webp: 'webp',
  avif: 'avif',
  gif: 'gif',
}

export const ACCEPTED_TYPES_TEXT = 'JPEG, PNG, WebP, AVIF or GIF'

function ascii(bytes: Uint8Array, start: number, end: number): string {
  return Buffer.from(bytes.subarray(start, end)).toString('latin1')
}

/** ISO-BMFF brands (major and compatible) from the "ftyp" box, for AVIF and HEIC. */
function ftypBrands(bytes: Uint8Array): string[] {
  if (bytes.length < 16 || ascii(bytes, 4, 8) !== 'ftyp') return []
  const size = Math.min(Buffer.from(bytes.subarray(0, 4)).readUInt32BE(0), bytes.length, 256)
  const brands = [ascii(bytes, 8, 12)]
  for (let i = 16; i + 4 <= size; i += 4) brands.push(ascii(bytes, i, i + 4))
  return brands
}

export type SniffResult =
  | { kind: 'image'; format: ImageFormat }
  | { kind: 'markup' }
  | { kind: 'heic' }
  | { kind: 'unknown' }

/** Decides what a file is from its first bytes ("magic numbers"). */
export function sniffImage(bytes: Uint8Array): SniffResult {
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return { kind: 'image', format: 'jpeg' }
  if (ascii(bytes, 0, 8) === '\x89PNG\r\n\x1a\n') return { kind: 'image', format: 'png' }
  const gif = ascii(bytes, 0, 6)
  if (gif === 'GIF87a' || gif === 'GIF89a') return { kind: 'image', format: 'gif' }
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP')
    return { kind: 'image', format: 'webp' }
  const brands = ftypBrands(bytes)
  if (brands.includes('avif') || brands.includes('avis')) return { kind: 'image', format: 'avif' }
  if (brands.some((b) => ['heic', 'heix', 'hevc', 'heim', 'heis', 'mif1'].includes(b)))
    return { kind: 'heic' }
  // SVG, HTML and XML start with "<" (after an optional byte-order mark and white space).
  const head = ascii(bytes, 0, 512)
    .replace(/^\xef\xbb\xbf/, '')
    .trimStart()
  if (head.startsWith('<')) return { kind: 'markup' }
  return { kind: 'unknown' }
}

/** The supported format of an upload, or a clear refusal. */
export function requireSupportedImage(bytes: Uint8Array): ImageFormat {
  const result = sniffImage(bytes)
  if (result.kind === 'image') return result.format
  const message =
    result.kind === 'markup'
      ? `This file is SVG, HTML or XML, not a photo. SVG and HTML are not accepted because they can carry scripts. Upload a ${ACCEPTED_TYPES_TEXT} image.`
      : result.kind === 'heic'
        ? `HEIC photos (the iPhone's own format) are not accepted yet. Export the photo as JPEG and upload that.`
        : `This file is not a ${ACCEPTED_TYPES_TEXT} image (whatever its name says). Upload a ${ACCEPTED_TYPES_TEXT} image.`
  throw new AppError('MEDIA_TYPE_UNSUPPORTED', message, 415)
}

/** The widths to make for an image this wide: the standard ones below it, plus its own (capped). */
export function variantWidths(width: number): number[] {
  const largest = Math.min(width, VARIANT_WIDTHS[VARIANT_WIDTHS.length - 1] ?? width)
  return [...new Set([...VARIANT_WIDTHS.filter((w) => w < largest), largest])].sort((a, b) => a - b)
}

/**
 * "2026/11/<16 hex>-<name>": unguessable (64 random bits, so nobody can list the library by
 * guessing) and stable (the files of an item share it; a name is never reused). The uploaded file
 * name only ever contributes a slug: letters, digits and hyphens, so no path tricks survive.
 */
export function mediaFileStem(now: Date, fileName: string, random = randomBytes(8).toString('hex')): string {
  const base = fileName.split(/[\\/]/).pop() ?? ''
  const withoutExtension = base.replace(/\.[^.]*$/, '')
  const slug = slugify(withoutExtension).slice(0, 50).replace(/-+$/, '') || 'image'
  const year = String(now.getUTCFullYear())
  const month = String(now.getUTCMonth() + 1).padStart(2, '0')
  return `${year}/${month}/${random}-${slug}`
}

/** The part of a stem that tells one media item's files from every other's. */
export function stemKey(stem: string): string {
  return (stem.split('/').pop() ?? stem).split('-')[0] ?? stem
}

export interface EncodedImage {
  /** Below the media folder, with forward slashes. */
  path: string
  format: ImageFormat
  mimeType: string
  width: number
  height: number
  bytes: number
  data: Buffer
}

export interface ProcessedImage {
  format: ImageFormat
  /** Full size, in the uploaded format, re-encoded without metadata. */
  original: EncodedImage
  variants: EncodedImage[]
}

function encode(pipeline: Sharp, format: ImageFormat, quality: number, isFullSize: boolean): Sharp {
  switch (format) {
    case 'jpeg':
      // mozjpeg saves ~10 % but is several times slower; JPEG is only the old browsers' fallback.
      return pipeline.jpeg({ quality, mozjpeg: false, chromaSubsampling: isFullSize ? '4:4:4' : '4:2:0' })
    case 'png':
      return pipeline.png({ compressionLevel: 9, adaptiveFiltering: true })
    case 'webp':
      return pipeline.webp({ quality, effort: 3 })
    case 'avif':
      // Effort 1: an upload takes seconds, not a minute, on a small server; higher efforts are
      // several times slower for a few per cent.
      return pipeline.avif({ quality, effort: 1 })
    case 'gif':
      return pipeline.gif()
  }
}

/** Starting qualities per format: chosen so a typical photo's 360 px WebP is well under 20 KB. */
const VARIANT_QUALITY: Readonly<Record<ImageFormat, number>> = {
  jpeg: 74,
  png: 100,
  webp: 62,
  avif: 48,
  gif: 100,
}
const ORIGINAL_QUALITY: Readonly<Record<ImageFormat, number>> = {
  jpeg: 86,
  png: 100,
  webp: 82,
  avif: 60,
  gif: 100,
}
const LOWEST_BUDGET_QUALITY = 25

function fail(error: unknown): never {
  if (error instanceof AppError) throw error
  const message = error instanceof Error ? error.message : String(error)
  if (/pixel limit/i.test(message)) throw tooManyPixels()
  throw new AppError(
    'MEDIA_DAMAGED',
    'This image is damaged or incomplete (perhaps the upload or the copy was cut short), so it could not be read. Nothing was saved. Try the original file again.',
    422,
    { cause: error },
  )
}

function tooManyPixels(): AppError {
  return new AppError(
    'MEDIA_TOO_MANY_PIXELS',
    `This image has more than ${MAX_INPUT_PIXELS / 1_000_000} million pixels, more than any page needs. Nothing was saved. Make it smaller and upload it again.`,
    422,
  )
}

async function render(
  base: Sharp,
  format: ImageFormat,
  width: number | undefined,
  quality: number,
  filePath: string,
): Promise<EncodedImage> {
  const resized =
    width === undefined ? base.clone() : base.clone().resize({ width, withoutEnlargement: true })
  const { data, info } = await encode(resized, format, quality, width === undefined).toBuffer({
    resolveWithObject: true,
  })
  const height = info.pageHeight ?? info.height
  return {
    path: filePath,
    format,
    mimeType: MIME_TYPES[format],
    width: info.width,
    height,
    bytes: data.length,
    data,
  }
}

/** A phone-sized copy, re-encoded at lower qualities until it fits the budget (or quality runs out). */
async function renderWithinBudget(base: Sharp, format: ImageFormat, width: number, filePath: string) {
  let quality = VARIANT_QUALITY[format]
  let image = await render(base, format, width, quality, filePath)
  const isLossy = format === 'jpeg' || format === 'webp' || format === 'avif'
  while (isLossy && image.bytes > PHONE_VARIANT_BUDGET_BYTES && quality > LOWEST_BUDGET_QUALITY) {
    quality = Math.max(LOWEST_BUDGET_QUALITY, quality - 12)
    image = await render(base, format, width, quality, filePath)
  }
  return image
}

/** What processImage learns from a file's header before decoding any pixels. */
interface Inspected {
  format: ImageFormat
  width: number
  isAnimated: boolean
  source: Sharp
}

async function inspect(input: Buffer): Promise<Inspected> {
  const format = requireSupportedImage(input)
  const options = { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' as const, autoOrient: true }
  const sharp = await loadSharp()
  try {
    const meta = await sharp(input, options).metadata()
    // Checked here from the header, before a single pixel is decoded: a decompression bomb stops now.
    if ((meta.width ?? 0) * (meta.pageHeight ?? meta.height ?? 0) * (meta.pages ?? 1) > MAX_INPUT_PIXELS)
      throw tooManyPixels()
    const isAnimated = (meta.pages ?? 1) > 1 && (format === 'gif' || format === 'webp')
    return {
      format,
      width: meta.autoOrient?.width ?? meta.width ?? 0,
      isAnimated,
      source: sharp(input, { ...options, animated: isAnimated }).toColourspace('srgb'),
    }
  } catch (error) {
    fail(error)
  }
}

const fileName = (stem: string, suffix: string, format: ImageFormat) =>
  `${stem}${suffix}.${EXTENSIONS[format]}`

async function renderVariants(
  image: Inspected,
  stem: string,
  widths: readonly number[],
  formats: readonly ImageFormat[],
): Promise<EncodedImage[]> {
  // Decoding a camera JPEG is the slow part: do it once, at the largest variant's width, and make
  // every variant from those pixels (animations keep their frames, so they take the long way).
  const largest = Math.max(...widths)
  const base = image.isAnimated ? image.source : await decodedAt(image.source, largest)
  const jobs = widths.flatMap((w) =>
    formats.map((f) =>
      w <= PHONE_WIDTH
        ? renderWithinBudget(base, f, w, fileName(stem, `-${w}`, f))
        : render(base, f, w, VARIANT_QUALITY[f], fileName(stem, `-${w}`, f)),
    ),
  )
  return Promise.all(jobs)
}

/** AVIF (unless animated: sharp cannot write animated AVIF), WebP and the original's own format. */
function variantFormats(image: Inspected): ImageFormat[] {
  return [...new Set<ImageFormat>([...(image.isAnimated ? [] : ['avif' as const]), 'webp', image.format])]
}

/**
 * Checks an upload and makes every file to store: the original re-encoded at full size and the
 * variants (each width in AVIF, WebP and the original's format). Throws an AppError with a clear
 * message for anything that is not a readable image of a supported type; nothing is written here.
 */
export async function processImage(input: Buffer, stem: string): Promise<ProcessedImage> {
  const image = await inspect(input)
  try {
    const original = await render(
      image.source,
      image.format,
      undefined,
      ORIGINAL_QUALITY[image.format],
      fileName(stem, '', image.format),
    )
    const widths = variantWidths(image.width || original.width)
    const variants = await renderVariants(image, stem, widths, variantFormats(image))
    return { format: image.format, original, variants }
  } catch (error) {
    fail(error)
  }
}

/**
 * Variants for a file already stored (the demo seed's illustrations): `stem` is its path without
 * the extension. Callers may ask for fewer widths and formats when time matters more than bytes.
 */
export async function makeVariants(
  input: Buffer,
  stem: string,
  options: { widths?: readonly number[]; formats?: readonly ImageFormat[] } = {},
): Promise<EncodedImage[]> {
  const image = await inspect(input)
  const widths = variantWidths(image.width).filter((w) => options.widths?.includes(w) ?? true)
  if (widths.length === 0) return []
  try {
    return await renderVariants(image, stem, widths, options.formats ?? variantFormats(image))
  } catch (error) {
    fail(error)
  }
}

async function decodedAt(source: Sharp, width: number): Promise<Sharp> {
  const { data, info } = await source
    .clone()
    .resize({ width, withoutEnlargement: true })
    .raw()
    .toBuffer({ resolveWithObject: true })
  const sharp = await loadSharp()
  return sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } })
}

/**
 * Writes the files, never over an existing one unless `isReplacing` (for the variants of a file
 * whose name is not random, such as the demo seed's); if any write fails, those written are removed.
 */
export async function writeImageFiles(
  storage: MediaStorage,
  images: readonly EncodedImage[],
  options: { isReplacing?: boolean } = {},
): Promise<void> {
  const written: string[] = []
  try {
    for (const image of images) {
      await storage.write(image.path, image.data, options)
      written.push(image.path)
    }
  } catch (error) {
    await removeImageFiles(storage, written)
    throw error
  }
}

/** Removes stored files; missing ones are fine (a retry after a partial delete). */
export async function removeImageFiles(storage: MediaStorage, paths: readonly string[]): Promise<void> {
  await Promise.all(paths.map((p) => storage.delete(p)))
}

// Kept here too: callers and tests knew it from this module before storage.ts existed.
export { resolveInside }
