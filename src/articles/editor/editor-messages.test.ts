// The island shows only words the server hands it: each of its message names must be in the admin
// catalog (the catalog test then checks every language), or the island would show the bare name.
import { describe, expect, it } from 'vitest'
import { catalogMessages } from '../../i18n/messages.ts'
import { EDITOR_MESSAGE_NAMES } from './editor-messages.ts'

describe('editor island messages', () => {
  it('has a catalog message for every name', () => {
    const english = catalogMessages('en')
    const missing = EDITOR_MESSAGE_NAMES.filter((name) => !english.has(`admin.editorUi.${name}`))
    expect(missing).toEqual([])
  })

  it('uses no catalog message the island does not know', () => {
    const names = new Set<string>(EDITOR_MESSAGE_NAMES)
    const unused = [...catalogMessages('en').keys()]
      .filter((key) => key.startsWith('admin.editorUi.'))
      .map((key) => key.slice('admin.editorUi.'.length))
      .filter((name) => !names.has(name))
    expect(unused).toEqual([])
  })
})
