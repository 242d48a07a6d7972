// Prometheus metrics at /metrics (prom-client). Each app has its own Registry, never the global
// default, so several apps in one process (tests, two instances) do not clash. Requests are
// labelled by route pattern ("/:first/:second"), never the raw URL, so the number of series stays
// bounded whatever readers type.
import { timingSafeEqual } from 'node:crypto'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client'
import type { PageCache } from '../cache/page-cache.ts'
import type { AppContext } from '../context.ts'
import { countDueScheduledStories, countPendingWebhookDeliveries } from './ops.queries.ts'

export interface MetricsOptions {
  pageCache?: PageCache
}

const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

const PROXY_HEADERS = ['x-forwarded-for', 'x-real-ip', 'forwarded']

function isLoopback(address: string | undefined): boolean {
  if (!address) return false
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.')
}

function hasToken(request: FastifyRequest, token: string): boolean {
  const given = Buffer.from(request.headers.authorization ?? '')
  const expected = Buffer.from(`Bearer ${token}`)
  return given.length === expected.length && timingSafeEqual(given, expected)
}

/**
 * Who may read /metrics. With METRICS_TOKEN, only a request bearing it. Without, only a direct
 * loopback connection: a request relayed by a reverse proxy on the same machine also comes from
 * loopback, so one carrying a proxy header is refused.
 */
export function canReadMetrics(request: FastifyRequest, token: string | undefined): boolean {
  if (token) return hasToken(request, token)
  if (PROXY_HEADERS.some((name) => request.headers[name] !== undefined)) return false
  return isLoopback(request.socket.remoteAddress)
}

export function createMetricsRegistry(ctx: AppContext, options: MetricsOptions = {}): Registry {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry })
  const cache = options.pageCache
  if (cache) {
    // Read from the cache's own counters at scrape time: nothing is counted twice.
    const stat = (name: string, help: string, pick: (s: ReturnType<PageCache['stats']>) => number) =>
      new Gauge({
        name,
        help,
        registers: [registry],
        collect() {
          this.set(pick(cache.stats()))
        },
      })
    stat('dateline_page_cache_hits', 'Page cache hits since start', (s) => s.hits)
    stat('dateline_page_cache_misses', 'Page cache misses since start', (s) => s.misses)
    stat('dateline_page_cache_bytes', 'Bytes held by the page cache', (s) => s.bytes)
    stat('dateline_page_cache_entries', 'Pages held by the page cache', (s) => s.entries)
    stat('dateline_page_cache_purged_entries', 'Pages purged since start', (s) => s.purgedEntries)
    stat(
      'dateline_page_cache_compressions_waiting',
      'Rendered pages waiting to be compressed and stored',
      (s) => s.compressionsWaiting,
    )
  }
  new Gauge({
    name: 'dateline_db_pool_connections',
    help: 'Database connections by state (SQLite: one connection, reported as total 1)',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      const stats = ctx.poolStats?.() ?? { total: 1, idle: 0, waiting: 0 }
      this.set({ state: 'total' }, stats.total)
      this.set({ state: 'idle' }, stats.idle)
      this.set({ state: 'waiting' }, stats.waiting)
    },
  })
  new Gauge({
    name: 'dateline_job_queue_depth',
    help: 'Work waiting: scheduled stories past their time, webhook deliveries not yet done',
    labelNames: ['queue'],
    registers: [registry],
    async collect() {
      // A failing count must not fail the scrape: the other metrics still matter most then.
      try {
        this.set(
          { queue: 'scheduled_stories_due' },
          await countDueScheduledStories(ctx.db, ctx.clock.now().toISOString()),
        )
        this.set({ queue: 'webhook_deliveries_pending' }, await countPendingWebhookDeliveries(ctx.db))
      } catch (error) {
        ctx.log.warn({ err: error }, 'metrics: the job queues could not be counted')
      }
    },
  })
  return registry
}

/** Counts one answered request: by route pattern, method and status, and its time in seconds. */
export type RequestRecorder = (route: string, method: string, status: number, seconds: number) => void

/**
 * Counts and times every request, and serves /metrics. Call before the features register routes.
 * Returns the recorder for requests answered outside Fastify (the page cache's front door).
 */
export function registerMetrics(
  app: FastifyInstance,
  ctx: AppContext,
  options: MetricsOptions = {},
): RequestRecorder {
  const registry = createMetricsRegistry(ctx, options)
  const requests = new Counter({
    name: 'dateline_http_requests_total',
    help: 'HTTP requests by route pattern, method and status',
    labelNames: ['route', 'method', 'status'],
    registers: [registry],
  })
  const latency = new Histogram({
    name: 'dateline_http_request_duration_seconds',
    help: 'Time to answer, by route pattern and method',
    labelNames: ['route', 'method'],
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  })
  const record: RequestRecorder = (route, method, status, seconds) => {
    requests.inc({ route, method, status: String(status) })
    latency.observe({ route, method }, seconds)
  }
  app.addHook('onResponse', async (request, reply) => {
    record(
      request.routeOptions.url ?? '(unmatched)',
      request.method,
      reply.statusCode,
      reply.elapsedTime / 1000,
    )
  })
  app.get('/metrics', async (request, reply) => {
    reply.header('cache-control', 'no-store')
    if (!canReadMetrics(request, ctx.config.metricsToken)) {
      reply.code(ctx.config.metricsToken ? 401 : 403)
      return {
        error: 'METRICS_FORBIDDEN',
        message: 'Metrics are readable from loopback or with METRICS_TOKEN.',
      }
    }
    reply.type(registry.contentType)
    return registry.metrics()
  })
  return record
}
