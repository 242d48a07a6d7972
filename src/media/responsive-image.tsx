// A picture for readers on slow, expensive connections: the browser picks the smallest copy that
// fills the space (srcset/sizes), in the best format it knows (AVIF, then WebP, then the original),
// and only when it is about to be seen (loading="lazy"). width/height reserve the space, so the
// text never jumps. An image without variants (the demo seed's, imports) is a plain <img>.
import type { MediaView } from './media.service.ts'

/** Most images span the text column: the full width on a phone, about 45rem on a wide screen. */
export const DEFAULT_SIZES = '(min-width: 48rem) 45rem, 100vw'

export function ResponsiveImage(props: {
  media: MediaView
  /** How wide the image is shown, for the browser to choose a copy (the sizes attribute). */
  sizes?: string
  /** The page's lead image: loaded at once and first. Everything else waits until it is near. */
  isLead?: boolean
  /** Overrides the alt text, e.g. '' where the image is decoration beside a linked headline. */
  alt?: string
}) {
  const { media } = props
  const sizes = props.sizes ?? DEFAULT_SIZES
  const hasVariants = media.srcset !== '' || media.sources.length > 0
  const img = (
    <img
      src={media.fallbackUrl}
      srcset={media.srcset || undefined}
      sizes={media.srcset ? sizes : undefined}
      alt={props.alt ?? media.alt}
      width={media.width ?? undefined}
      height={media.height ?? undefined}
      loading={props.isLead ? 'eager' : 'lazy'}
      decoding="async"
      {...(props.isLead ? { fetchpriority: 'high' } : {})}
    />
  )
  if (!hasVariants) return img
  return (
    <picture>
      {media.sources.map((source) => (
        <source key={source.type} type={source.type} srcset={source.srcset} sizes={sizes} />
      ))}
      {img}
    </picture>
  )
}
