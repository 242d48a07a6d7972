// Which copies of an image to name in structured data and share cards. Search engines want large
// images (≥ 1200 px wide for Discover); share cards want one image near 1200 px, not the original.
import type { MediaView } from '../media/media.service.ts'

export interface ImageCandidate {
  /** Root-relative. */
  url: string
  width: number
  height: number
}

/** The original and its same-format variants (from the srcset), narrowest first. */
export function imageCandidates(media: MediaView): ImageCandidate[] {
  const { width, height } = media
  const candidates: ImageCandidate[] = []
  if (width !== null && height !== null && width > 0) {
    for (const entry of media.srcset.split(',')) {
      const match = /^\s*(\S+)\s+(\d+)w\s*$/.exec(entry)
      if (!match?.[1]) continue
      const w = Number(match[2])
      candidates.push({ url: match[1], width: w, height: Math.round((w * height) / width) })
    }
    candidates.push({ url: media.url, width, height })
  }
  const unique = new Map(candidates.map((c) => [c.url, c]))
  return [...unique.values()].sort((a, b) => a.width - b.width)
}

/** The share-card image: the narrowest copy at least 1200 px wide, else the widest there is. */
export function shareImage(media: MediaView): ImageCandidate | undefined {
  const candidates = imageCandidates(media)
  return candidates.find((c) => c.width >= 1200) ?? candidates.at(-1)
}

/** Structured data's images: a copy ≥ 1200 px wide where there is one, and the original. */
export function structuredDataImages(media: MediaView): string[] {
  const candidates = imageCandidates(media)
  if (candidates.length === 0) return [media.url]
  const large = candidates.find((c) => c.width >= 1200)
  return [...new Set([...(large ? [large.url] : []), media.url])]
}
