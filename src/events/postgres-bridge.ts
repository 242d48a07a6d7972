// Content events across instances on one PostgreSQL database, by LISTEN/NOTIFY: no broker to run.
// Every event emitted in this instance is also NOTIFYed (with this instance's id); every event
// NOTIFYed by another instance is re-emitted here with `origin` set, so this instance's page cache
// and settings follow changes made elsewhere. A dedicated connection LISTENs; when it is lost it
// reconnects, and since events sent meanwhile are gone, everything cached is purged then.
import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import type pg from 'pg'
import type { AppContext } from '../context.ts'
import type { ContentEvent, ContentEventType, SiteChange } from './content-events.ts'

export const EVENTS_CHANNEL = 'dateline_events'

const CONTENT_TYPES: readonly ContentEventType[] = [
  'article.published',
  'article.updated',
  'article.unpublished',
  'article.deleted',
]

type Envelope =
  | { instance: string; event: Omit<ContentEvent, 'origin'> }
  | { instance: string; event: Omit<SiteChange, 'origin'> }

export interface EventBridge {
  readonly instanceId: string
  stop(): Promise<void>
}

export interface EventBridgeOptions {
  connectionString: string
  instanceId?: string
  channel?: string
  /** Wait before reconnecting after the listening connection is lost. */
  reconnectDelayMs?: number
}

/** Reads a notification's payload; anything malformed is refused (undefined), never thrown. */
export function parseEnvelope(payload: string | undefined): Envelope | undefined {
  if (!payload) return undefined
  let value: unknown
  try {
    value = JSON.parse(payload)
  } catch {
    return undefined
  }
  if (typeof value !== 'object' || value === null) return undefined
  const { instance, event } = value as { instance?: unknown; event?: Record<string, unknown> }
  if (typeof instance !== 'string' || typeof event !== 'object' || event === null) return undefined
  if (typeof event.at !== 'string') return undefined
  if (event.type === 'site.changed' && typeof event.what === 'string')
    return { instance, event: { type: 'site.changed', what: event.what, at: event.at } }
  if (
    CONTENT_TYPES.includes(event.type as ContentEventType) &&
    typeof event.articleId === 'number' &&
    Number.isInteger(event.articleId)
  )
    return {
      instance,
      event: { type: event.type as ContentEventType, articleId: event.articleId, at: event.at },
    }
  return undefined
}

export async function startPostgresEventBridge(
  ctx: AppContext,
  options: EventBridgeOptions,
): Promise<EventBridge> {
  const instanceId = options.instanceId ?? randomUUID()
  const channel = options.channel ?? EVENTS_CHANNEL
  const reconnectDelayMs = options.reconnectDelayMs ?? 1_000
  // Loaded here, not at the top: a SQLite site never starts the bridge (see db/create-db.ts).
  const { default: postgres } = await import('pg')
  let client: pg.Client | undefined
  let isStopped = false
  let reconnectTimer: NodeJS.Timeout | undefined

  const notify = async (event: ContentEvent | SiteChange): Promise<void> => {
    // Events that came from another instance are not sent on again: that would echo forever.
    if (event.origin !== undefined) return
    const { origin: _origin, ...plain } = event
    const payload = JSON.stringify({ instance: instanceId, event: plain })
    await sql`select pg_notify(${channel}, ${payload})`.execute(ctx.db)
  }
  const stopContent = ctx.events.on(notify)
  const stopSite = ctx.events.onSiteChange(notify)

  async function receive(payload: string | undefined): Promise<void> {
    const envelope = parseEnvelope(payload)
    if (!envelope) {
      ctx.log.warn({ channel }, 'event bridge: a malformed notification was ignored')
      return
    }
    if (envelope.instance === instanceId) return
    const event = envelope.event
    if (event.type === 'site.changed') {
      // The settings are remembered per instance: a save elsewhere makes this copy stale.
      ctx.settingsCache?.clear()
      await ctx.events.emitSiteChange({ ...event, origin: envelope.instance })
    } else {
      await ctx.events.emit({ ...event, origin: envelope.instance })
    }
  }

  async function connect(): Promise<void> {
    const next = new postgres.Client({ connectionString: options.connectionString })
    next.on('notification', (message) => {
      if (message.channel !== channel) return
      receive(message.payload).catch((error: unknown) =>
        ctx.log.error({ err: error }, 'event bridge: a received event failed'),
      )
    })
    const lost = (error?: unknown) => {
      if (client !== next) return
      client = undefined
      next.removeAllListeners('end')
      next.end().catch(() => undefined)
      if (isStopped) return
      ctx.log.warn({ err: error }, 'event bridge: the listening connection was lost; reconnecting')
      scheduleReconnect()
    }
    next.on('error', lost)
    next.on('end', () => lost())
    await next.connect()
    await next.query(`LISTEN ${next.escapeIdentifier(channel)}`)
    client = next
  }

  function scheduleReconnect(): void {
    if (isStopped || reconnectTimer) return
    reconnectTimer = setTimeout(() => {
      reconnectTimer = undefined
      connect().then(
        // Whatever was sent while the connection was down is lost: forget every cached page.
        () =>
          ctx.events
            .emitSiteChange({
              type: 'site.changed',
              what: 'event bridge reconnected',
              at: ctx.clock.now().toISOString(),
              origin: 'event-bridge',
            })
            .then(() => ctx.settingsCache?.clear()),
        (error: unknown) => {
          ctx.log.warn({ err: error }, 'event bridge: reconnecting failed; trying again')
          scheduleReconnect()
        },
      )
    }, reconnectDelayMs)
    reconnectTimer.unref()
  }

  await connect()
  return {
    instanceId,
    async stop() {
      isStopped = true
      if (reconnectTimer) clearTimeout(reconnectTimer)
      stopContent()
      stopSite()
      const current = client
      client = undefined
      await current?.end().catch(() => undefined)
    },
  }
}
