// The one capability table: which role may do what, as newsrooms know it from WordPress. Every
// admin route declares one of these capabilities (see route-access.ts), and services check the
// same table with `can` when the answer depends on whose story it is.
import type { Actor } from '../context.ts'
import type { ArticleStatus, UserRole } from '../db/tables.ts'
import { ForbiddenError } from '../errors.ts'

/**
 * How far a role's grant reaches:
 * - 'all': any resource;
 * - 'own': resources the actor owns;
 * - 'own-unpublished': resources the actor owns while they are a draft or in review
 *   (a contributor may not touch a story once an editor has scheduled or published it);
 * - 'none': refused.
 */
export type Grant = 'all' | 'own' | 'own-unpublished' | 'none'

type RoleGrants = Readonly<Record<UserRole, Grant>>

const everyone: RoleGrants = { contributor: 'all', author: 'all', editor: 'all', admin: 'all' }
const authorsUp: RoleGrants = { contributor: 'none', author: 'all', editor: 'all', admin: 'all' }
const editorsUp: RoleGrants = { contributor: 'none', author: 'none', editor: 'all', admin: 'all' }
const adminsOnly: RoleGrants = { contributor: 'none', author: 'none', editor: 'none', admin: 'all' }

export const CAPABILITIES = {
  /** Open the admin at all: the dashboard. */
  'admin.enter': everyone,
  /** One's own account: password, two-factor login, sessions. */
  'account.manage-own': everyone,
  'story.create': everyone,
  /** Staff preview of stories that readers cannot see yet. */
  'story.preview': everyone,
  'story.edit': { contributor: 'own-unpublished', author: 'own', editor: 'all', admin: 'all' },
  'story.submit-for-review': { contributor: 'own-unpublished', author: 'own', editor: 'all', admin: 'all' },
  'story.publish': { contributor: 'none', author: 'own', editor: 'all', admin: 'all' },
  'story.unpublish': { contributor: 'none', author: 'own', editor: 'all', admin: 'all' },
  'story.schedule': { contributor: 'none', author: 'own', editor: 'all', admin: 'all' },
  'story.delete': { contributor: 'own-unpublished', author: 'own', editor: 'all', admin: 'all' },
  'story.restore-revision': { contributor: 'own-unpublished', author: 'own', editor: 'all', admin: 'all' },
  'media.upload': authorsUp,
  'media.edit': { contributor: 'none', author: 'own', editor: 'all', admin: 'all' },
  'media.delete': { contributor: 'none', author: 'own', editor: 'all', admin: 'all' },
  'sections.manage': editorsUp,
  'tags.manage': editorsUp,
  'authors.manage': editorsUp,
  'users.manage': adminsOnly,
  'settings.manage': adminsOnly,
  'audit.view': adminsOnly,
  /** Content API keys (they read drafts): created, shown once, revoked. */
  'api-keys.manage': adminsOnly,
  /** Webhook addresses, their secrets and their delivery log. */
  'webhooks.manage': adminsOnly,
} as const satisfies Record<string, RoleGrants>

export type Capability = keyof typeof CAPABILITIES

export const CAPABILITY_NAMES = Object.keys(CAPABILITIES) as Capability[]

/** What `can` needs to know about the thing acted on, when the grant depends on it. */
export interface OwnedResource {
  /** Users who own it: the story's creator and the users behind its bylines, the uploader… */
  ownerUserIds: readonly number[]
  /** For stories: 'own-unpublished' grants stop once a story is scheduled or published. */
  status?: ArticleStatus
}

const UNPUBLISHED: readonly ArticleStatus[] = ['draft', 'review']

export function grantFor(role: UserRole, capability: Capability): Grant {
  const grants: RoleGrants | undefined = CAPABILITIES[capability]
  // An unknown capability (a typo that slipped past the type checker) is refused.
  return grants?.[role] ?? 'none'
}

/**
 * Whether the actor may use the capability. Without a resource the question is "on anything at
 * all?" (is the page worth showing?); with one, ownership and status decide. The system (CLI,
 * importer, scheduler) acts on the newsroom's behalf and may do everything.
 */
export function can(actor: Actor, capability: Capability, resource?: OwnedResource): boolean {
  if (actor.kind === 'system') return true
  const grant = grantFor(actor.role, capability)
  if (grant === 'none') return false
  if (grant === 'all' || resource === undefined) return true
  const isOwner = resource.ownerUserIds.includes(actor.userId)
  if (grant === 'own') return isOwner
  // Without a status the question cannot be answered, so it is refused (fail closed).
  return isOwner && resource.status !== undefined && UNPUBLISHED.includes(resource.status)
}

/** `can`, for services: throws ForbiddenError instead of answering false. */
export function assertCan(actor: Actor, capability: Capability, resource?: OwnedResource): void {
  if (!can(actor, capability, resource)) throw new ForbiddenError()
}
