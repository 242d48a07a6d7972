// The story editor island (runs in the browser). It replaces the body's <textarea> with TipTap,
// keeps the textarea up to date (so the form posts the same field either way), and starts
// autosave and the small helpers of the side fields. Without it the page still works as a form.
import { Editor, Extension } from '@tiptap/core'
import Image from '@tiptap/extension-image'
import StarterKit from '@tiptap/starter-kit'
import { startAutosave } from './editor-autosave.ts'
import { startFieldHelpers } from './editor-fields.ts'
import { Figure, PullQuote, VideoEmbed } from './editor-nodes.ts'
import { addLibrarySearch, el, makePanel, normaliseLink } from './editor-panels.ts'
import { embedFromUrl } from './embed-url.ts'

interface ToolbarButton {
  id: string
  label: string
  text: string
  shortcut?: string
  run: () => void
  isActive?: () => boolean
}

function mount(form: HTMLFormElement, textarea: HTMLTextAreaElement, root: HTMLElement): void {
  const mediaUrl = form.dataset.mediaUrl ?? ''
  // Filled in below once the panels exist; the keyboard shortcut needs it before.
  const openLink = { run: () => {} }

  const editor = new Editor({
    // TipTap would add a <style> element, which the CSP refuses: its few rules are in editor.css.
    injectCSS: false,
    element: root.appendChild(el('div', { class: 'editor-surface' })),
    extensions: [
      StarterKit.configure({
        heading: { levels: [2, 3, 4] },
        code: false,
        codeBlock: false,
        link: {
          openOnClick: false,
          // Off: autolink makes the link mark inclusive, so text typed after a link would join it.
          autolink: false,
          protocols: ['http', 'https', 'mailto'],
          HTMLAttributes: { rel: null, target: null },
        },
      }),
      Image,
      PullQuote,
      Figure,
      VideoEmbed,
      Extension.create({
        name: 'linkShortcut',
        addKeyboardShortcuts: () => ({
          'Mod-k': () => {
            openLink.run()
            return true
          },
        }),
      }),
    ],
    content: textarea.value,
    editorProps: {
      attributes: {
        class: 'editor-content story-body',
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-labelledby': 'body-label',
        lang: textarea.lang,
      },
    },
    onUpdate: ({ editor: e }) => {
      textarea.value = e.getHTML()
      textarea.dispatchEvent(new Event('input', { bubbles: true }))
    },
  })
  textarea.value = editor.getHTML()

  const focusEditor = (): void => {
    editor.commands.focus()
  }
  const linkPanel = makePanel(
    'link-panel',
    'Link',
    [{ name: 'href', label: 'Link address', type: 'url' }],
    'Apply link',
    ({ href = '' }) => {
      if (href === '') {
        editor.chain().focus().extendMarkRange('link').unsetLink().run()
        linkPanel.close()
        return
      }
      const url = normaliseLink(href)
      if (!url) return linkPanel.message('Links must be web (https://…) or e-mail (mailto:…) addresses.')
      editor.chain().focus().extendMarkRange('link').setLink({ href: url }).run()
      linkPanel.close()
    },
    focusEditor,
  )
  openLink.run = () => {
    linkPanel.open()
    const input = linkPanel.root.querySelector('input')
    if (input) input.value = (editor.getAttributes('link').href as string | undefined) ?? ''
  }

  const imagePanel = makePanel(
    'image-panel',
    'Image from the media library',
    [
      { name: 'id', label: 'Media library number' },
      { name: 'caption', label: 'Caption' },
      { name: 'credit', label: 'Credit' },
    ],
    'Insert image',
    async ({ id = '', caption = '', credit = '' }) => {
      if (!/^\d+$/.test(id)) return imagePanel.message('Type the image’s number from the media library.')
      const response = await fetch(`${mediaUrl}${id}`, { headers: { accept: 'application/json' } })
      const media = (await response.json()) as {
        url: string
        alt: string
        caption: string
        credit: string
        error?: { message: string }
      }
      if (!response.ok)
        return imagePanel.message(media.error?.message ?? `Image number ${id} cannot be used.`)
      if (media.alt.trim() === '')
        return imagePanel.message('This image has no alt text yet. Add it in the media library first.')
      editor
        .chain()
        .focus()
        .insertContent({
          type: 'figure',
          attrs: {
            src: media.url,
            alt: media.alt,
            caption: caption || media.caption,
            credit: credit || media.credit,
          },
        })
        .run()
      imagePanel.close()
    },
    focusEditor,
  )

  addLibrarySearch(imagePanel, form.dataset.libraryUrl ?? '')

  const embedPanel = makePanel(
    'embed-panel',
    'Embed a video or a social post',
    [{ name: 'url', label: 'Address of the video or post', type: 'url' }],
    'Embed',
    ({ url = '' }) => {
      const embed = embedFromUrl(url)
      if (embed.kind === 'refused') return embedPanel.message(embed.message)
      if (embed.kind === 'video') {
        editor
          .chain()
          .focus()
          .insertContent({ type: 'videoEmbed', attrs: { src: embed.src, title: embed.title } })
          .run()
      } else {
        editor
          .chain()
          .focus()
          .insertContent({
            type: 'blockquote',
            content: [
              {
                type: 'paragraph',
                content: [
                  { type: 'text', text: `Post on ${embed.provider}: ` },
                  { type: 'text', text: embed.url, marks: [{ type: 'link', attrs: { href: embed.url } }] },
                ],
              },
            ],
          })
          .run()
      }
      embedPanel.close()
    },
    focusEditor,
  )

  const chain = () => editor.chain().focus()
  // Each label begins with the button's visible text (WCAG 2.5.3 "label in name"), so a person who
  // says "click H2" to their voice control reaches the button they see.
  const buttons: ToolbarButton[] = [
    {
      id: 'h2',
      label: 'H2 heading',
      text: 'H2',
      shortcut: 'Ctrl+Alt+2',
      run: () => chain().toggleHeading({ level: 2 }).run(),
      isActive: () => editor.isActive('heading', { level: 2 }),
    },
    {
      id: 'h3',
      label: 'H3 subheading',
      text: 'H3',
      shortcut: 'Ctrl+Alt+3',
      run: () => chain().toggleHeading({ level: 3 }).run(),
      isActive: () => editor.isActive('heading', { level: 3 }),
    },
    {
      id: 'bold',
      label: 'Bold',
      text: 'B',
      shortcut: 'Ctrl+B',
      run: () => chain().toggleBold().run(),
      isActive: () => editor.isActive('bold'),
    },
    {
      id: 'italic',
      label: 'Italic',
      text: 'I',
      shortcut: 'Ctrl+I',
      run: () => chain().toggleItalic().run(),
      isActive: () => editor.isActive('italic'),
    },
    {
      id: 'link',
      label: 'Link',
      text: 'Link',
      shortcut: 'Ctrl+K',
      run: () => openLink.run(),
      isActive: () => editor.isActive('link'),
    },
    {
      id: 'bullets',
      label: 'Bulleted list',
      text: '• List',
      shortcut: 'Ctrl+Shift+8',
      run: () => chain().toggleBulletList().run(),
      isActive: () => editor.isActive('bulletList'),
    },
    {
      id: 'numbers',
      label: '1. List, numbered',
      text: '1. List',
      shortcut: 'Ctrl+Shift+7',
      run: () => chain().toggleOrderedList().run(),
      isActive: () => editor.isActive('orderedList'),
    },
    {
      id: 'quote',
      label: 'Block quote',
      text: '“ Quote',
      shortcut: 'Ctrl+Shift+B',
      run: () => chain().toggleBlockquote().run(),
      isActive: () => editor.isActive('blockquote'),
    },
    {
      id: 'pullquote',
      label: 'Pull quote',
      text: 'Pull quote',
      run: () => chain().toggleWrap('pullquote').run(),
      isActive: () => editor.isActive('pullquote'),
    },
    { id: 'image', label: 'Image from the media library', text: 'Image', run: () => imagePanel.open() },
    { id: 'embed', label: 'Embed video or post', text: 'Embed', run: () => embedPanel.open() },
    { id: 'undo', label: 'Undo', text: '↶', shortcut: 'Ctrl+Z', run: () => chain().undo().run() },
    { id: 'redo', label: 'Redo', text: '↷', shortcut: 'Ctrl+Shift+Z', run: () => chain().redo().run() },
  ]

  // One tab stop for the whole toolbar; arrow keys move between its buttons (the ARIA toolbar pattern).
  const toolbar = el('div', {
    class: 'editor-toolbar',
    role: 'toolbar',
    'aria-label': 'Formatting',
    'aria-controls': 'editor-root',
  })
  const buttonEls = buttons.map((b, index) => {
    const button = el(
      'button',
      {
        type: 'button',
        class: `tool tool-${b.id}`,
        'aria-label': b.label,
        title: b.shortcut ? `${b.label} (${b.shortcut})` : b.label,
        tabindex: index === 0 ? '0' : '-1',
        'data-tool': b.id,
      },
      [b.text],
    )
    if (b.isActive) button.setAttribute('aria-pressed', 'false')
    button.addEventListener('click', () => b.run())
    toolbar.append(button)
    return button
  })
  toolbar.addEventListener('keydown', (event) => {
    const index = buttonEls.indexOf(document.activeElement as HTMLButtonElement)
    if (index < 0) return
    const moves: Record<string, number> = {
      ArrowRight: index + 1,
      ArrowLeft: index - 1,
      Home: 0,
      End: buttonEls.length - 1,
    }
    const target = moves[event.key]
    if (target === undefined) return
    event.preventDefault()
    const next = buttonEls[(target + buttonEls.length) % buttonEls.length]
    for (const b of buttonEls) b.tabIndex = -1
    if (next) {
      next.tabIndex = 0
      next.focus()
    }
  })
  const refresh = (): void => {
    buttons.forEach((b, i) => {
      if (b.isActive) buttonEls[i]?.setAttribute('aria-pressed', String(b.isActive()))
    })
  }
  editor.on('selectionUpdate', refresh)
  editor.on('transaction', refresh)

  root.prepend(toolbar, linkPanel.root, imagePanel.root, embedPanel.root)
  // The textarea stays in the form (it is what gets posted) but is no longer shown.
  textarea.hidden = true
  document.getElementById('body-hint')?.setAttribute('hidden', '')
  document.getElementById('body-label')?.addEventListener('click', focusEditor)
  root.classList.add('is-ready')

  startAutosave(form, {
    setBody: (html) => {
      editor.commands.setContent(html)
      textarea.value = editor.getHTML()
    },
  })
}

function start(): void {
  const form = document.getElementById('story-form')
  const textarea = document.getElementById('bodyHtml')
  const root = document.getElementById('editor-root')
  if (!(form instanceof HTMLFormElement) || !(textarea instanceof HTMLTextAreaElement) || !root) return
  startFieldHelpers(form)
  try {
    mount(form, textarea, root)
  } catch (error) {
    // The plain textarea keeps working; say why the visual editor is missing.
    console.error('The visual editor could not start', error)
    textarea.hidden = false
    startAutosave(form, {
      setBody: (html) => {
        textarea.value = html
      },
    })
  }
}

start()
