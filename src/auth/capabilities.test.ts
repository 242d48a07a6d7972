import { describe, expect, it } from 'vitest'
import { type Actor, systemActor } from '../context.ts'
import type { UserRole } from '../db/tables.ts'
import { CAPABILITY_NAMES, type Capability, can, grantFor } from './capabilities.ts'

const ROLES: UserRole[] = ['contributor', 'author', 'editor', 'admin']

// The whole table, written out by hand as newsrooms expect it (WordPress roles). A change to the
// capability table must be made here too, on purpose.
// Columns: contributor, author, editor, admin.
const EXPECTED: Record<Capability, [string, string, string, string]> = {
  'admin.enter': ['all', 'all', 'all', 'all'],
  'account.manage-own': ['all', 'all', 'all', 'all'],
  'story.create': ['all', 'all', 'all', 'all'],
  'story.preview': ['all', 'all', 'all', 'all'],
  'story.edit': ['own-unpublished', 'own', 'all', 'all'],
  'story.submit-for-review': ['own-unpublished', 'own', 'all', 'all'],
  'story.publish': ['none', 'own', 'all', 'all'],
  'story.unpublish': ['none', 'own', 'all', 'all'],
  'story.schedule': ['none', 'own', 'all', 'all'],
  'story.delete': ['own-unpublished', 'own', 'all', 'all'],
  'story.restore-revision': ['own-unpublished', 'own', 'all', 'all'],
  'media.upload': ['none', 'all', 'all', 'all'],
  'media.edit': ['none', 'own', 'all', 'all'],
  'media.delete': ['none', 'own', 'all', 'all'],
  'sections.manage': ['none', 'none', 'all', 'all'],
  'tags.manage': ['none', 'none', 'all', 'all'],
  'authors.manage': ['none', 'none', 'all', 'all'],
  'users.manage': ['none', 'none', 'none', 'all'],
  'settings.manage': ['none', 'none', 'none', 'all'],
  'audit.view': ['none', 'none', 'none', 'all'],
  'api-keys.manage': ['none', 'none', 'none', 'all'],
  'webhooks.manage': ['none', 'none', 'none', 'all'],
}

const user = (role: UserRole, userId = 7): Actor => ({ kind: 'user', userId, role })

describe('capability table', () => {
  it('lists exactly the capabilities of the expected matrix', () => {
    expect([...CAPABILITY_NAMES].sort()).toEqual(Object.keys(EXPECTED).sort())
  })

  for (const capability of Object.keys(EXPECTED) as Capability[]) {
    ROLES.forEach((role, column) => {
      const expected = EXPECTED[capability][column]
      it(`${role} × ${capability} → ${expected}`, () => {
        expect(grantFor(role, capability)).toBe(expected)
        // Without a resource: "may do this to anything at all?"
        expect(can(user(role), capability)).toBe(expected !== 'none')
        // Someone else's published resource: only "all" grants reach it.
        expect(can(user(role), capability, { ownerUserIds: [99], status: 'published' })).toBe(
          expected === 'all',
        )
        // One's own draft: every grant but "none" reaches it.
        expect(can(user(role), capability, { ownerUserIds: [7], status: 'draft' })).toBe(expected !== 'none')
        // One's own published story: "own-unpublished" stops here.
        expect(can(user(role), capability, { ownerUserIds: [7], status: 'published' })).toBe(
          expected === 'all' || expected === 'own',
        )
      })
    })
  }
})

describe('can', () => {
  it('lets a contributor edit an own story while it is a draft or in review, and not after', () => {
    const contributor = user('contributor')
    expect(can(contributor, 'story.edit', { ownerUserIds: [7], status: 'draft' })).toBe(true)
    expect(can(contributor, 'story.edit', { ownerUserIds: [7], status: 'review' })).toBe(true)
    expect(can(contributor, 'story.edit', { ownerUserIds: [7], status: 'scheduled' })).toBe(false)
    expect(can(contributor, 'story.edit', { ownerUserIds: [3, 7], status: 'draft' })).toBe(true)
    expect(can(contributor, 'story.edit', { ownerUserIds: [3], status: 'draft' })).toBe(false)
  })

  it('refuses an own-unpublished grant when the status is not known (fails closed)', () => {
    expect(can(user('contributor'), 'story.edit', { ownerUserIds: [7] })).toBe(false)
  })

  it('lets an author publish own stories only', () => {
    expect(can(user('author'), 'story.publish', { ownerUserIds: [7], status: 'review' })).toBe(true)
    expect(can(user('author'), 'story.publish', { ownerUserIds: [8], status: 'review' })).toBe(false)
  })

  it('refuses a capability name that is not in the table', () => {
    expect(can(user('admin'), 'story.nuke' as Capability)).toBe(false)
  })

  it('lets the system do everything', () => {
    for (const capability of CAPABILITY_NAMES) expect(can(systemActor('cli'), capability)).toBe(true)
  })
})
