import { describe, expect, it } from 'vitest'
import {
  hasLiteCookie,
  hasSessionCookie,
  isCacheableRequest,
  isImageFreeVariant,
  negotiateEncoding,
  pageCacheKey,
  requestVariant,
} from './cache-key.ts'

describe('page cache key', () => {
  it('is made of language, variant and path, without the query string by default', () => {
    expect(pageCacheKey({ url: '/society/wells?utm_source=x', language: 'en', variant: 'full' })).toBe(
      'en full /society/wells',
    )
    expect(
      pageCacheKey({
        url: '/search/?q=water',
        language: 'fa',
        variant: 'save-data',
        isQuerySignificant: true,
      }),
    ).toBe('fa save-data /search/?q=water')
  })

  it('tells Save-Data readers apart from the others', () => {
    expect(requestVariant({ 'save-data': 'on' })).toBe('save-data')
    expect(requestVariant({ 'save-data': 'On ' })).toBe('save-data')
    expect(requestVariant({ 'save-data': 'off' })).toBe('full')
    expect(requestVariant({})).toBe('full')
  })

  it('keeps lite-mode readers under a variant of their own, whatever their Save-Data header says', () => {
    expect(requestVariant({ cookie: 'dateline_lite=1' })).toBe('lite')
    expect(requestVariant({ cookie: 'a=b; dateline_lite=1', 'save-data': 'on' })).toBe('lite')
    expect(requestVariant({ cookie: 'dateline_lite=0' })).toBe('full')
    expect(requestVariant({ cookie: 'not_dateline_lite=1' })).toBe('full')
    expect(hasLiteCookie('dateline_lite=')).toBe(false)
    expect(pageCacheKey({ url: '/', language: 'en', variant: 'lite' })).not.toBe(
      pageCacheKey({ url: '/', language: 'en', variant: 'save-data' }),
    )
    expect(isImageFreeVariant('lite')).toBe(true)
    expect(isImageFreeVariant('save-data')).toBe(true)
    expect(isImageFreeVariant('full')).toBe(false)
  })
})

describe('which requests may use the cache', () => {
  it('allows readers’ GET and HEAD requests', () => {
    expect(isCacheableRequest('GET', '/', {})).toBe(true)
    expect(isCacheableRequest('HEAD', '/latest/', { cookie: 'theme=dark' })).toBe(true)
  })

  it('refuses writes, the admin, and requests with a session or credentials', () => {
    expect(isCacheableRequest('POST', '/', {})).toBe(false)
    expect(isCacheableRequest('DELETE', '/api/articles/1', {})).toBe(false)
    expect(isCacheableRequest('GET', '/admin', {})).toBe(false)
    expect(isCacheableRequest('GET', '/admin/articles?x=1', {})).toBe(false)
    expect(isCacheableRequest('GET', '/', { cookie: 'a=1; dateline_session=abc' })).toBe(false)
    expect(isCacheableRequest('GET', '/', { authorization: 'Bearer x' })).toBe(false)
    // A section whose slug merely starts with "admin" is not the admin.
    expect(isCacheableRequest('GET', '/administration/', {})).toBe(true)
  })

  it('recognises the session cookie only by its exact name', () => {
    expect(hasSessionCookie('dateline_session=1')).toBe(true)
    expect(hasSessionCookie('x=1;  dateline_session=1')).toBe(true)
    expect(hasSessionCookie('not_dateline_session=1')).toBe(false)
    expect(hasSessionCookie(undefined)).toBe(false)
  })
})

describe('content negotiation', () => {
  it('prefers brotli, then gzip, honouring q-values', () => {
    expect(negotiateEncoding('gzip, deflate, br')).toBe('br')
    expect(negotiateEncoding('gzip, deflate')).toBe('gzip')
    expect(negotiateEncoding('br;q=0, gzip')).toBe('gzip')
    expect(negotiateEncoding('gzip;q=0.5, br;q=0.4')).toBe('gzip')
    expect(negotiateEncoding('*')).toBe('br')
    expect(negotiateEncoding('identity')).toBe('identity')
    expect(negotiateEncoding('')).toBe('identity')
    expect(negotiateEncoding(undefined)).toBe('identity')
  })
})
