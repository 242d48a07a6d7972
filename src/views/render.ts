import type { VNode } from 'preact'
import { renderToString } from 'preact-render-to-string'

/** Renders a page component to a complete HTML document. Text and attributes are escaped by default. */
export function renderDocument(page: VNode): string {
  return `<!doctype html>${renderToString(page)}`
}
