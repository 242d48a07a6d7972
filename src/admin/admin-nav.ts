// The admin navigation: one entry per area, shown only to roles that may use it (the pages check
// again on the server; hiding a link is a courtesy, not the protection).
import { type Capability, can } from '../auth/capabilities.ts'
import type { UserActor } from '../context.ts'
import type { AdminNavItem } from './admin-layout.tsx'

const NAV: readonly (AdminNavItem & { capability: Capability })[] = [
  { label: 'admin.nav.dashboard', href: '/admin', capability: 'admin.enter' },
  { label: 'admin.nav.stories', href: '/admin/stories', capability: 'story.edit' },
  { label: 'admin.nav.media', href: '/admin/media', capability: 'media.upload' },
  { label: 'admin.nav.sections', href: '/admin/sections', capability: 'sections.manage' },
  { label: 'admin.nav.tags', href: '/admin/tags', capability: 'tags.manage' },
  { label: 'admin.nav.authors', href: '/admin/authors', capability: 'authors.manage' },
  { label: 'admin.nav.users', href: '/admin/users', capability: 'users.manage' },
  { label: 'admin.nav.settings', href: '/admin/settings', capability: 'settings.manage' },
  { label: 'admin.nav.audit', href: '/admin/audit', capability: 'audit.view' },
  { label: 'admin.nav.apiKeys', href: '/admin/api-keys', capability: 'api-keys.manage' },
  { label: 'admin.nav.webhooks', href: '/admin/webhooks', capability: 'webhooks.manage' },
]

export function navFor(actor: UserActor): AdminNavItem[] {
  return NAV.filter((item) => can(actor, item.capability)).map(({ label, href }) => ({ label, href }))
}
