import { describe, expect, it } from 'vitest'
import { type BodyContext, liftDateline, mapBody } from './map-body.ts'

const context: BodyContext = {
  attachment: () => undefined,
  children: () => [],
  mediaUrlFor: (url) => (url.includes('/2026/11/well') ? '/media/2026/11/abc-well.jpg' : undefined),
}

describe('mapBody', () => {
  it('makes paragraphs of a classic-editor body and lifts the dateline', () => {
    const body = mapBody(
      '<strong>KABUL –</strong> The water board opened wells.\n\nSecond paragraph.',
      context,
    )
    expect(body.dateline).toBe('KABUL')
    expect(body.html).toBe('<p>The water board opened wells.</p>\n<p>Second paragraph.</p>')
  })

  it('drops Gutenberg block comments and keeps their HTML as it is', () => {
    const body = mapBody(
      '<!-- wp:paragraph -->\n<p>One</p>\n<!-- /wp:paragraph -->\n\n<!-- wp:heading {"level":2} -->\n<h2>Two</h2>\n<!-- /wp:heading -->',
      context,
    )
    expect(body.html).not.toContain('wp:')
    expect(body.html).toContain('<p>One</p>')
    expect(body.html).toContain('<h2>Two</h2>')
  })

  it('points upload links (size variants included) at the new media and drops old srcsets', () => {
    const body = mapBody(
      '<img src="https://old.example/wp-content/uploads/2026/11/well-1024x683.jpg" srcset="https://old.example/wp-content/uploads/2026/11/well-300x200.jpg 300w" alt="A well"> <a href="https://old.example/wp-content/uploads/2025/01/gone.pdf">report</a>',
      context,
    )
    expect(body.html).toContain('src="/media/2026/11/abc-well.jpg"')
    expect(body.html).not.toContain('srcset')
    expect(body.unresolvedUploads).toEqual(['https://old.example/wp-content/uploads/2025/01/gone.pdf'])
  })

  it('sanitizes: no script survives', () => {
    expect(mapBody('Hello<script>alert(1)</script> <img src=x onerror=alert(1)>', context).html).not.toMatch(
      /script|onerror/,
    )
  })
})

describe('liftDateline', () => {
  it('lifts only an unambiguous all-capitals place followed by a dash', () => {
    expect(liftDateline('<p>HERAT — Farmers said</p>')).toEqual({
      html: '<p>Farmers said</p>',
      dateline: 'HERAT',
    })
    expect(liftDateline('<p><strong>MAZAR-I-SHARIF</strong> – Text</p>').dateline).toBe('MAZAR-I-SHARIF')
    expect(liftDateline('<p>Kabul – text</p>').dateline).toBe('')
    expect(liftDateline('<p>کابل – متن</p>').dateline).toBe('')
    expect(liftDateline('<p><strong>KABUL – Breaking news</strong> and more</p>').dateline).toBe('KABUL')
  })
})
