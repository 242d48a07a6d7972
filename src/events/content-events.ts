// Domain events for content changes. They drive cache invalidation, search indexing and webhooks,
// so those features never hook into the write paths themselves. In one process they are a plain
// in-memory bus; across instances on PostgreSQL they will also travel by LISTEN/NOTIFY.

export type ContentEventType =
  | 'article.published'
  | 'article.updated'
  | 'article.unpublished'
  | 'article.deleted'

export interface ArticleEvent {
  type: ContentEventType
  articleId: number
  /** When it happened (ISO UTC). */
  at: string
}

/**
 * Something every page shows changed: the site's settings (name, time zone, language), the
 * section navigation, a tag's or a byline's name. Its reach is the whole site.
 */
export interface SiteEvent {
  type: 'site.changed'
  /** What changed, for logs: "settings", "sections", "tag 12"… */
  what: string
  at: string
}

export type ContentEvent = ArticleEvent | SiteEvent

export type ContentEventListener = (event: ContentEvent) => void | Promise<void>

export interface ContentEvents {
  emit(event: ContentEvent): Promise<void>
  /** Returns a function that removes the listener. */
  on(listener: ContentEventListener): () => void
}

export function createContentEvents(
  onListenerError: (error: unknown, event: ContentEvent) => void,
): ContentEvents {
  const listeners = new Set<ContentEventListener>()
  return {
    // Listeners run one after another and their failures are reported, never thrown: a broken
    // listener must not fail the write that has already been committed.
    async emit(event) {
      for (const listener of listeners) {
        try {
          await listener(event)
        } catch (error) {
          onListenerError(error, event)
        }
      }
    },
    on(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}
