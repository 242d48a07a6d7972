// Domain events for content changes. They drive cache invalidation, search indexing and webhooks,
// so those features never hook into the write paths themselves. In one process they are a plain
// in-memory bus; across instances on PostgreSQL they also travel by LISTEN/NOTIFY
// (postgres-bridge.ts), arriving with `origin` set to the instance they came from.

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
  /** Set when the event happened on another instance and arrived by the bridge: its instance id. */
  origin?: string
}

export type ContentEvent = ArticleEvent

export type ContentEventListener = (event: ContentEvent) => void | Promise<void>

/**
 * Something every page shows changed: the site's settings (name, time zone, language), the
 * section navigation, a tag's or a byline's name. Its reach is the whole site. Kept apart from
 * ContentEvent so that listeners about one story (search indexing) never receive it.
 */
export interface SiteChange {
  type: 'site.changed'
  /** What changed, for logs: "settings", "sections", "tag 12"… */
  what: string
  at: string
  /** Set when the change happened on another instance (see ArticleEvent.origin). */
  origin?: string
}

export type SiteChangeListener = (change: SiteChange) => void | Promise<void>

export interface ContentEvents {
  emit(event: ContentEvent): Promise<void>
  /** Returns a function that removes the listener. */
  on(listener: ContentEventListener): () => void
  emitSiteChange(change: SiteChange): Promise<void>
  /** Returns a function that removes the listener. */
  onSiteChange(listener: SiteChangeListener): () => void
}

export function createContentEvents(
  onListenerError: (error: unknown, event: ContentEvent | SiteChange) => void,
): ContentEvents {
  const listeners = new Set<ContentEventListener>()
  const siteListeners = new Set<SiteChangeListener>()
  return {
    async emitSiteChange(change) {
      for (const listener of siteListeners) {
        try {
          await listener(change)
        } catch (error) {
          onListenerError(error, change)
        }
      }
    },
    onSiteChange(listener) {
      siteListeners.add(listener)
      return () => siteListeners.delete(listener)
    },
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

/**
 * The same bus, but its listeners hear only the events that happened in this instance. For
 * listeners that write to the shared database (search index, webhook queue): the instance where
 * the change happened does that work once; the others must not repeat it.
 */
export function localEventsOnly(events: ContentEvents): ContentEvents {
  return {
    emit: (event) => events.emit(event),
    on: (listener) => events.on((event) => (event.origin === undefined ? listener(event) : undefined)),
    emitSiteChange: (change) => events.emitSiteChange(change),
    onSiteChange: (listener) =>
      events.onSiteChange((change) => (change.origin === undefined ? listener(change) : undefined)),
  }
}
