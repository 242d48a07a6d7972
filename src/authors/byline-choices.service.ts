// The bylines the story editor offers: every author and agency credit, by name. Admin-only data;
// the accounts behind pseudonymous bylines stay out of it (ownership is resolved in SQL).
import type { AppContext } from '../context.ts'

export interface BylineChoiceView {
  id: number
  name: string
  isAgency: boolean
}

export async function listBylineChoices(ctx: AppContext): Promise<BylineChoiceView[]> {
  const rows = await ctx.db
    .selectFrom('authors')
    .select(['id', 'name', 'kind'])
    .orderBy('name')
    .orderBy('id')
    .execute()
  return rows.map((r) => ({ id: r.id, name: r.name, isAgency: r.kind === 'organization' }))
}
