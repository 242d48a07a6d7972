// "Most read" and the view beacon, for the home and story pages.
import { useLocale } from '../i18n/locale-context.ts'
import type { MostReadItem } from './most-read.service.ts'
import { beaconPath } from './most-read.site.ts'

export function MostReadList(props: { items: MostReadItem[] }) {
  const { t } = useLocale()
  if (props.items.length === 0) return null
  return (
    <section class="most-read" aria-labelledby="most-read-title">
      <h2 id="most-read-title">{t('site.mostRead')}</h2>
      <ol>
        {props.items.map((item) => (
          <li key={item.id}>
            <a href={item.url}>{item.headline}</a>
          </li>
        ))}
      </ol>
    </section>
  )
}

/**
 * Counts a view of the story. An image, so that it works without JavaScript; at the end of the
 * page, so it never delays reading; not lazy, or it would load only when scrolled to; hidden.
 */
export function ViewBeacon(props: { articleId: number }) {
  return <img src={beaconPath(props.articleId)} alt="" width={1} height={1} hidden />
}
