// The story editor island (runs in the browser). It replaces the body's <textarea> with TipTap,
// keeps the textarea up to date (so the form posts the same field either way), and starts
// autosave and the small helpers of the side fields. Without it the page still works as a form.
import { Editor, Extension } from '@tiptap/core'
import Image from '@tiptap/extension-image'
import StarterKit from '@tiptap/starter-kit'
import { startAutosave } from './editor-autosave.ts'
import { startFieldHelpers } from './editor-fields.ts'
import { type EditorMessageName, editorText, loadEditorMessages } from './editor-messages.ts'
import { Figure, PullQuote, VideoEmbed } from './editor-nodes.ts'
import { addLibrarySearch, el, makePanel, normaliseLink } from './editor-panels.ts'
import { type EmbedRefusal, embedFromUrl } from './embed-url.ts'

interface ToolbarButton {
  id: string
  label: string
  text: string
  shortcut?: string
  run: () => void
  isActive?: () => boolean
}

/** embed-url.ts explains a refusal in English (it is shared with tests); the panel says it in the page's language. */
function refusedEmbedText(embed: { reason: EmbedRefusal; host?: string }): string {
  const names: Record<EmbedRefusal, EditorMessageName> = {
    'not-web': 'embedNotWeb',
    'not-https': 'embedNotHttps',
    'no-youtube-video': 'embedNoYoutubeVideo',
    'no-vimeo-video': 'embedNoVimeoVideo',
    'host-refused': 'embedRefusedHost',
  }
  return editorText(names[embed.reason], { host: embed.host ?? '' })
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
        dir: textarea.dir || 'auto',
      },
    },
    onUpdate: ({ editor: e }) => {
      textarea.value = e.getHTML()
      textarea.dispatchEvent(new Event('input', { bubbles: true }))
    },
  })
  textarea.value = editor.getHTML()
  // A new language in the select: the editing area takes its direction at once.
  form.addEventListener('story-language', (event) => {
    const { language, dir } = (event as CustomEvent<{ language: string; dir: string }>).detail
    editor.setOptions({
      editorProps: {
        ...editor.options.editorProps,
        attributes: {
          ...(editor.options.editorProps.attributes as Record<string, string>),
          lang: language,
          dir,
        },
      },
    })
  })

  const focusEditor = (): void => {
    editor.commands.focus()
  }
  const linkPanel = makePanel(
    'link-panel',
    editorText('linkPanelTitle'),
    [{ name: 'href', label: editorText('linkAddress'), type: 'url' }],
    editorText('applyLink'),
    ({ href = '' }) => {
      if (href === '') {
        editor.chain().focus().extendMarkRange('link').unsetLink().run()
        linkPanel.close()
        return
      }
      const url = normaliseLink(href)
      if (!url) return linkPanel.message(editorText('linkRefused'))
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
    editorText('imagePanelTitle'),
    [
      { name: 'id', label: editorText('imageNumber') },
      { name: 'caption', label: editorText('caption') },
      { name: 'credit', label: editorText('credit') },
    ],
    editorText('insertImage'),
    async ({ id = '', caption = '', credit = '' }) => {
      if (!/^\d+$/.test(id)) return imagePanel.message(editorText('imageNumberMissing'))
      const response = await fetch(`${mediaUrl}${id}`, { headers: { accept: 'application/json' } })
      const media = (await response.json()) as {
        url: string
        alt: string
        caption: string
        credit: string
        error?: { message: string }
      }
      if (!response.ok) return imagePanel.message(editorText('imageUnusable', { id }))
      if (media.alt.trim() === '') return imagePanel.message(editorText('imageNoAlt'))
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
    editorText('embedPanelTitle'),
    [{ name: 'url', label: editorText('embedAddress'), type: 'url' }],
    editorText('embedButton'),
    ({ url = '' }) => {
      const embed = embedFromUrl(url)
      if (embed.kind === 'refused') return embedPanel.message(refusedEmbedText(embed))
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
                  { type: 'text', text: editorText('embedPost', { provider: embed.provider }) },
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
      label: editorText('h2Label'),
      text: editorText('h2Text'),
      shortcut: 'Ctrl+Alt+2',
      run: () => chain().toggleHeading({ level: 2 }).run(),
      isActive: () => editor.isActive('heading', { level: 2 }),
    },
    {
      id: 'h3',
      label: editorText('h3Label'),
      text: editorText('h3Text'),
      shortcut: 'Ctrl+Alt+3',
      run: () => chain().toggleHeading({ level: 3 }).run(),
      isActive: () => editor.isActive('heading', { level: 3 }),
    },
    {
      id: 'bold',
      label: editorText('boldLabel'),
      text: editorText('boldText'),
      shortcut: 'Ctrl+B',
      run: () => chain().toggleBold().run(),
      isActive: () => editor.isActive('bold'),
    },
    {
      id: 'italic',
      label: editorText('italicLabel'),
      text: editorText('italicText'),
      shortcut: 'Ctrl+I',
      run: () => chain().toggleItalic().run(),
      isActive: () => editor.isActive('italic'),
    },
    {
      id: 'link',
      label: editorText('linkLabel'),
      text: editorText('linkText'),
      shortcut: 'Ctrl+K',
      run: () => openLink.run(),
      isActive: () => editor.isActive('link'),
    },
    {
      id: 'bullets',
      label: editorText('bulletLabel'),
      text: editorText('bulletText'),
      shortcut: 'Ctrl+Shift+8',
      run: () => chain().toggleBulletList().run(),
      isActive: () => editor.isActive('bulletList'),
    },
    {
      id: 'numbers',
      label: editorText('numberedLabel'),
      text: editorText('numberedText'),
      shortcut: 'Ctrl+Shift+7',
      run: () => chain().toggleOrderedList().run(),
      isActive: () => editor.isActive('orderedList'),
    },
    {
      id: 'quote',
      label: editorText('quoteLabel'),
      text: editorText('quoteText'),
      shortcut: 'Ctrl+Shift+B',
      run: () => chain().toggleBlockquote().run(),
      isActive: () => editor.isActive('blockquote'),
    },
    {
      id: 'pullquote',
      label: editorText('pullQuoteLabel'),
      text: editorText('pullQuoteText'),
      run: () => chain().toggleWrap('pullquote').run(),
      isActive: () => editor.isActive('pullquote'),
    },
    {
      id: 'image',
      label: editorText('imageLabel'),
      text: editorText('imageText'),
      run: () => imagePanel.open(),
    },
    {
      id: 'embed',
      label: editorText('embedLabel'),
      text: editorText('embedText'),
      run: () => embedPanel.open(),
    },
    {
      id: 'undo',
      label: editorText('undoLabel'),
      text: '↶',
      shortcut: 'Ctrl+Z',
      run: () => chain().undo().run(),
    },
    {
      id: 'redo',
      label: editorText('redoLabel'),
      text: '↷',
      shortcut: 'Ctrl+Shift+Z',
      run: () => chain().redo().run(),
    },
  ]

  // One tab stop for the whole toolbar; arrow keys move between its buttons (the ARIA toolbar pattern).
  const toolbar = el('div', {
    class: 'editor-toolbar',
    role: 'toolbar',
    'aria-label': editorText('formatting'),
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
    // In a right-to-left toolbar the next button is to the left.
    const step = getComputedStyle(toolbar).direction === 'rtl' ? -1 : 1
    const moves: Record<string, number> = {
      ArrowRight: index + step,
      ArrowLeft: index - step,
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
  loadEditorMessages(form)
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
