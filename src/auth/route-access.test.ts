import { describe, expect, it } from 'vitest'
import { safeNextPath } from './route-access.ts'

describe('safeNextPath', () => {
  it('follows admin paths only', () => {
    expect(safeNextPath('/admin/audit?page=2')).toBe('/admin/audit?page=2')
    expect(safeNextPath('/admin')).toBe('/admin')
    for (const bad of [
      'https://evil.example/admin',
      '//evil.example',
      '/admin//evil',
      '/administrator',
      '/',
      42,
      undefined,
    ]) {
      expect(safeNextPath(bad)).toBe('/admin')
    }
  })
})
