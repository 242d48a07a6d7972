import { Component, createContext } from 'preact'
import { useContext } from 'preact/hooks'
import { renderToString } from 'preact-render-to-string'
import { describe, expect, it } from 'vitest'
import { createLocale } from '../i18n/locale.ts'
import { LocaleContext, useLocale } from '../i18n/locale-context.ts'
import { ProvideContext } from './provide-context.tsx'

const Colour = createContext('grey')

function HookReader() {
  return <i>{useContext(Colour)}</i>
}

class ClassReader extends Component {
  static override contextType = Colour
  override render() {
    return <b>{String(this.context)}</b>
  }
}

function ConsumerReader() {
  return <Colour.Consumer>{(value) => <u>{value}</u>}</Colour.Consumer>
}

const readers = (
  <>
    <HookReader />
    <ClassReader />
    <ConsumerReader />
  </>
)

describe('ProvideContext', () => {
  it('gives hooks, class components and consumers the value, as Preact’s own Provider does', () => {
    const ours = renderToString(
      <ProvideContext context={Colour} value="teal">
        {readers}
      </ProvideContext>,
    )
    expect(ours).toBe('<i>teal</i><b>teal</b><u>teal</u>')
    expect(ours).toBe(renderToString(<Colour.Provider value="teal">{readers}</Colour.Provider>))
  })

  it('lets an inner provider win, leaves the default outside, and keeps two contexts apart', () => {
    const pashto = createLocale({ language: 'ps', defaultLanguage: 'en', timeZone: 'Asia/Kabul' })
    function LanguageReader() {
      return <s>{useLocale().language}</s>
    }
    const html = renderToString(
      <div>
        <HookReader />
        <ProvideContext context={Colour} value="outer">
          <ProvideContext context={LocaleContext} value={pashto}>
            <HookReader />
            <LanguageReader />
            <ProvideContext context={Colour} value="inner">
              <HookReader />
            </ProvideContext>
          </ProvideContext>
        </ProvideContext>
      </div>,
    )
    expect(html).toBe('<div><i>grey</i><i>outer</i><s>ps</s><i>inner</i></div>')
  })
})
