import { describe, expect, it } from 'vitest'
import { queryRedirectCandidates } from './query-redirects.ts'

describe('queryRedirectCandidates', () => {
  it('finds WordPress query addresses on the home path only', () => {
    expect(queryRedirectCandidates('/?p=123')).toEqual(['/?p=123'])
    expect(queryRedirectCandidates('/?utm_source=x&page_id=7')).toEqual(['/?page_id=7'])
    expect(queryRedirectCandidates('/?utm_source=x')).toEqual([])
    expect(queryRedirectCandidates('/news/?p=1')).toEqual([])
    expect(queryRedirectCandidates('/')).toEqual([])
  })
})
