// Which requests are not readers. Only the decision is kept: the user agent itself is never stored.
const BOT_PATTERN =
  /^node\b|bot\b|bot\/|crawl|spider|slurp|facebookexternalhit|embedly|preview|curl|wget|python-requests|python-urllib|aiohttp|httpx|go-http-client|java\/|okhttp|axios|node-fetch|undici|libwww|headless|phantomjs|puppeteer|playwright|selenium|lighthouse|pagespeed|pingdom|uptime|monitor|statuscake|feedfetcher|scrapy|archiver|ia_archiver/i

/** True for bots, crawlers, link previewers, monitors, scripts and headless browsers; and for no user agent at all. */
export function isBotUserAgent(userAgent: string | undefined): boolean {
  if (userAgent === undefined || userAgent.trim() === '') return true
  return BOT_PATTERN.test(userAgent)
}
