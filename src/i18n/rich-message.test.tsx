import { renderToString } from 'preact-render-to-string'
import { describe, expect, it } from 'vitest'
import { createLocale } from './locale.ts'
import { LocaleContext } from './locale-context.ts'
import type { Translate } from './messages.ts'
import { formatWithElements, isolated, Message } from './rich-message.tsx'

const fixed: Record<string, string> = {
  'x.about': 'About {name}',
  'x.twice': '{name} and {name} again',
  'x.order': '{b} before {a}',
}
const t: Translate = (key, values = {}) =>
  (fixed[key] ?? key).replace(/\{(\w+)\}/g, (_all, name: string) => String(values[name] ?? ''))

describe('formatWithElements', () => {
  it('puts elements where the message places their argument', () => {
    const parts = formatWithElements(t, 'x.about', { name: isolated('Maryam Sadat') })
    expect(parts[0]).toBe('About ')
    expect(renderToString(<p>{parts}</p>)).toBe('<p>About <bdi>Maryam Sadat</bdi></p>')
  })

  it('follows the translation’s word order and repeats an element used twice', () => {
    const html = renderToString(
      <p>{formatWithElements(t, 'x.order', { a: <a href="/a">A</a>, b: <em>B</em> })}</p>,
    )
    expect(html).toBe('<p><em>B</em> before <a href="/a">A</a></p>')
    expect(renderToString(<p>{formatWithElements(t, 'x.twice', { name: isolated('N') })}</p>)).toBe(
      '<p><bdi>N</bdi> and <bdi>N</bdi> again</p>',
    )
  })

  it('escapes text arguments and isolated names like any template text', () => {
    const html = renderToString(<p>{formatWithElements(t, 'x.about', { name: isolated('<b>x</b>') })}</p>)
    expect(html).toBe('<p>About <bdi>&lt;b>x&lt;/b></bdi></p>')
  })
})

describe('<Message>', () => {
  it('renders a catalog message in the page’s language, plural and digits included', () => {
    const pashto = createLocale({
      language: 'ps',
      defaultLanguage: 'en',
      timeZone: 'Asia/Kabul',
      isEasternNumerals: true,
    })
    const html = renderToString(
      <LocaleContext.Provider value={pashto}>
        <p>
          <Message id="site.searchResults" values={{ count: 3, query: isolated('Kabul water') }} />
        </p>
      </LocaleContext.Provider>,
    )
    expect(html).toBe('<p>۳ راپورونه له «<bdi>Kabul water</bdi>» سره سمون لري.</p>')
  })

  it('uses English outside any page', () => {
    const html = renderToString(<Message id="site.aboutAuthor" values={{ name: isolated('Ahmad') }} />)
    expect(html).toBe('About <bdi>Ahmad</bdi>')
  })
})
