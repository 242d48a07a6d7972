import { describe, expect, it } from 'vitest'
import { isBotUserAgent } from './bot-user-agent.ts'

describe('isBotUserAgent', () => {
  it('counts browsers', () => {
    expect(
      isBotUserAgent(
        'Mozilla/5.0 (Linux; Android 14; SM-A155F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36',
      ),
    ).toBe(false)
    expect(isBotUserAgent('Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0')).toBe(
      false,
    )
  })

  it('leaves out bots, crawlers, previewers, scripts, headless browsers and no user agent', () => {
    for (const ua of [
      'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
      'Mozilla/5.0 (compatible; bingbot/2.0)',
      'Mozilla/5.0 (compatible; Yahoo! Slurp)',
      'facebookexternalhit/1.1',
      'curl/8.5.0',
      'Wget/1.21',
      'python-requests/2.32',
      'node',
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 HeadlessChrome/126.0 Safari/537.36',
      'Mozilla/5.0 (compatible; AhrefsBot/7.0)',
      'Some Spider 1.0',
      'crawler4j',
      '',
      undefined,
    ]) {
      expect(isBotUserAgent(ua), String(ua)).toBe(true)
    }
  })
})
