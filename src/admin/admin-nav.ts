// The admin navigation: one entry per area, shown only to roles that may use it (the pages check
// again on the server; hiding a link is a courtesy, not the protection).
import { type Capability, can } from '../auth/capabilities.ts'
import type { UserActor } from '../context.ts'
import type { AdminNavItem } from './admin-layout.tsx'

const NAV: readonly (AdminNavItem & { capability: Capability })[] = [
  { label: 'Dashboard', href: '/admin', capability: 'admin.enter' },
  { label: 'Stories', href: '/admin/stories', capability: 'story.edit' },
  { label: 'Media', href: '/admin/media', capability: 'media.upload' },
  { label: 'Sections', href: '/admin/sections', capability: 'sections.manage' },
  { label: 'Tags', href: '/admin/tags', capability: 'tags.manage' },
  { label: 'Authors', href: '/admin/authors', capability: 'authors.manage' },
  { label: 'Users', href: '/admin/users', capability: 'users.manage' },
  { label: 'Settings', href: '/admin/settings', capability: 'settings.manage' },
  { label: 'Audit log', href: '/admin/audit', capability: 'audit.view' },
  { label: 'API keys', href: '/admin/api-keys', capability: 'api-keys.manage' },
  { label: 'Webhooks', href: '/admin/webhooks', capability: 'webhooks.manage' },
]

export function navFor(actor: UserActor): AdminNavItem[] {
  return NAV.filter((item) => can(actor, item.capability)).map(({ label, href }) => ({ label, href }))
}
