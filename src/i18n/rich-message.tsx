// Messages whose arguments are elements, not only text: "About {name}" with the name in a <bdi>,
// "Try the {front} or the {latest}" with links. The message is formatted with a private-use
// placeholder where each element goes, then split around the placeholders, so translators keep
// full control of word order and the elements are still escaped, real nodes (never HTML strings).
import { type ComponentChildren, isValidElement, type VNode } from 'preact'
import { useLocale } from './locale-context.ts'
import type { MessageValues, Translate } from './messages.ts'

export type RichValues = Record<string, string | number | Date | VNode>

// Private-use code points: no catalog, name or headline a reader sees carries them on purpose.
const OPEN = '\uE000'
const CLOSE = '\uE001'
const PLACEHOLDER = /\uE000([^\uE001]*)\uE001/g

/**
 * The message `key` as a list of text and elements, in the order the language puts them.
 * Element arguments must sit where text can (not in a plural's count).
 */
export function formatWithElements(t: Translate, key: string, values: RichValues = {}): (string | VNode)[] {
  const plain: MessageValues = {}
  const elements = new Map<string, VNode>()
  for (const [name, value] of Object.entries(values)) {
    if (isValidElement(value)) {
      plain[name] = `${OPEN}${name}${CLOSE}`
      elements.set(name, value)
    } else {
      plain[name] = value as string | number | Date
    }
  }
  const text = t(key, plain)
  const parts: (string | VNode)[] = []
  let last = 0
  for (const match of text.matchAll(PLACEHOLDER)) {
    if (match.index > last) parts.push(text.slice(last, match.index))
    const element = elements.get(match[1] ?? '')
    parts.push(element ?? match[0])
    last = match.index + match[0].length
  }
  if (last < text.length) parts.push(text.slice(last))
  return parts
}

/** A name, headline or query inside running text, isolated so RTL punctuation stays where it belongs. */
export function isolated(text: ComponentChildren): VNode {
  return <bdi>{text}</bdi>
}

/** <Message id="site.aboutAuthor" values={{ name: isolated(author.name) }} /> in the page's language. */
export function Message(props: { id: string; values?: RichValues }): VNode {
  const locale = useLocale()
  return <>{formatWithElements(locale.t, props.id, props.values)}</>
}
