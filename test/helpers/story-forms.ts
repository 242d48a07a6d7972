// Helpers for story editor tests: fill and post the editor's form the way a browser would.
import type { CheerioAPI } from 'cheerio'
import { expect } from 'vitest'
import type { AdminClient } from './admin-client.ts'

/** The fields a browser would post from an editor page, as the page shows them. */
export function formFields($: CheerioAPI): Record<string, string> {
  const fields: Record<string, string> = {}
  $('#story-form')
    .find('input[name], textarea[name], select[name]')
    .each((_, el) => {
      const node = $(el)
      const name = node.attr('name') ?? ''
      if (el.tagName === 'textarea') fields[name] = node.text()
      else if (el.tagName === 'select') {
        const selected = node.find('option[selected]').first()
        fields[name] = (selected.length > 0 ? selected : node.find('option').first()).attr('value') ?? ''
        if (node.attr('multiple') !== undefined)
          fields[name] = node.find('option[selected]').first().attr('value') ?? ''
      } else fields[name] = node.attr('value') ?? ''
    })
  return fields
}

/** Opens the editor for a new story, posts it and returns the new story's id. */
export async function createStoryViaForm(
  client: AdminClient,
  fields: Record<string, string>,
  action = 'save',
): Promise<number> {
  const { $ } = await client.page('/admin/stories/new')
  const response = await client.post('/admin/stories', { ...formFields($), ...fields, action })
  expect(response.status, await response.clone().text()).toBe(303)
  const match = /\/admin\/stories\/(\d+)/.exec(response.headers.get('location') ?? '')
  if (!match) throw new Error('no story id in the redirect')
  return Number(match[1])
}

/** Opens a story's editor, changes some fields and presses a button; returns the response. */
export async function editStoryViaForm(
  client: AdminClient,
  id: number,
  changes: Record<string, string>,
  action = 'save',
): Promise<Response> {
  const { response, $ } = await client.page(`/admin/stories/${id}`)
  expect(response.status).toBe(200)
  return client.post(`/admin/stories/${id}`, { ...formFields($), ...changes, action })
}
