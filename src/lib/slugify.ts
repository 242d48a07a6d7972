// URL slugs that work in every script we publish in: Latin letters lose their accents, Arabic-script
// letters (Dari, Pashto) are kept as they are, and anything else becomes a single hyphen.

const MAX_SLUG_LENGTH = 80

export function slugify(text: string): string {
  const slug = text
    .normalize('NFC')
    .replace(/[\u064B-\u065F\u0670]/g, '') // Arabic harakat (short vowels); letters such as آ stay whole
    .normalize('NFKD')
    .replace(/(\p{Script=Latin})\p{M}+/gu, '$1') // accents on Latin letters only
    .normalize('NFC')
    .replace(/\u200c|\u200d|\u200e|\u200f/g, '') // zero-width (non-)joiners and direction marks
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
  if (slug.length <= MAX_SLUG_LENGTH) return slug
  const cut = slug.slice(0, MAX_SLUG_LENGTH)
  const lastHyphen = cut.lastIndexOf('-')
  return lastHyphen > MAX_SLUG_LENGTH / 2 ? cut.slice(0, lastHyphen) : cut
}

/** Whether a value from a URL could be a slug we made; anything else is a 404 without a query. */
export function isPlausibleSlug(value: string): boolean {
  return value.length > 0 && value.length <= 200 && /^[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*$/u.test(value)
}
