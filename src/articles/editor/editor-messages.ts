// The words of the editor island (runs in the browser). They come from the admin catalog
// (admin.editorUi.*), translated on the server and handed over as JSON in the story form's
// data-messages attribute — the CSP forbids inline scripts, and a second request would slow the
// editor down. This module holds no words of its own: the catalog is the one source.

/** Every message the island shows; the server page fills each from `admin.editorUi.<name>`. */
export const EDITOR_MESSAGE_NAMES = [
  'formatting',
  'h2Label',
  'h2Text',
  'h3Label',
  'h3Text',
  'boldLabel',
  'boldText',
  'italicLabel',
  'italicText',
  'linkLabel',
  'linkText',
  'bulletLabel',
  'bulletText',
  'numberedLabel',
  'numberedText',
  'quoteLabel',
  'quoteText',
  'pullQuoteLabel',
  'pullQuoteText',
  'imageLabel',
  'imageText',
  'embedLabel',
  'embedText',
  'undoLabel',
  'redoLabel',
  'linkPanelTitle',
  'linkAddress',
  'applyLink',
  'linkRefused',
  'imagePanelTitle',
  'imageNumber',
  'caption',
  'credit',
  'insertImage',
  'imageNumberMissing',
  'imageUnusable',
  'imageNoAlt',
  'embedPanelTitle',
  'embedAddress',
  'embedButton',
  'embedPost',
  'embedNotWeb',
  'embedNotHttps',
  'embedNoYoutubeVideo',
  'embedNoVimeoVideo',
  'embedRefusedHost',
  'cancel',
  'searchLibrary',
  'librarySearchFailed',
  'libraryNoMatch',
  'restored',
  'discard',
  'unsaved',
  'autosaveNeedsHeadline',
  'saving',
  'signedOut',
  'signInNewTab',
  'autosaveFailed',
  'editStory',
  'savedAt',
  'offline',
] as const

export type EditorMessageName = (typeof EDITOR_MESSAGE_NAMES)[number]
export type EditorMessages = Partial<Record<EditorMessageName, string>>

let messages: EditorMessages = {}

/** Reads the form's data-messages once, when the island starts. */
export function loadEditorMessages(form: HTMLElement): void {
  try {
    messages = JSON.parse(form.dataset.messages ?? '{}') as EditorMessages
  } catch {
    messages = {}
  }
}

/** A message with its {placeholders} filled in; the name itself if the page sent none. */
export function editorText(name: EditorMessageName, values: Record<string, string> = {}): string {
  return (messages[name] ?? name).replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole)
}
