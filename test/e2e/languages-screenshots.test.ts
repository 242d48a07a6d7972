// The home and story pages in English, Dari and Pashto in a real browser (Debian's chromium through
// playwright-core), on a 360 px phone and a desktop. Screenshots land in test-output/languages/ for
// people to look at (mirroring, punctuation, fonts, overflow); what the DOM can prove is asserted:
// lang and dir, nothing wider than a 360 px screen, the breadcrumb and masthead mirrored on RTL
// pages, and names isolated so the punctuation around them stays in place.
import { mkdirSync } from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { recordCorrection } from '../../src/articles/articles.service.ts'
import { systemActor } from '../../src/context.ts'
import { seedDemo } from '../../src/demo/seed.ts'
import { CHROMIUM_PATH, hasChromium, launchChromium } from '../helpers/browser.ts'
import { makeArticle, makeAuthor, paragraphs } from '../helpers/factories.ts'
import { startTestApp, type TestApp } from '../helpers/test-app.ts'

const outputDir = new URL('../../test-output/languages/', import.meta.url)

if (!hasChromium) console.log(`Language screenshots skipped: ${CHROMIUM_PATH} not found`)

const VIEWPORTS = [
  { name: 'phone', width: 360, height: 740 },
  { name: 'desktop', width: 1280, height: 900 },
] as const

/** The demo's sections as Dari and Pashto readers know them. */
const SECTION_NAMES: Record<string, { fa: string; ps: string }> = {
  politics: { fa: 'سیاست', ps: 'سیاست' },
  economy: { fa: 'اقتصاد', ps: 'اقتصاد' },
  society: { fa: 'جامعه', ps: 'ټولنه' },
  education: { fa: 'معارف', ps: 'پوهنه' },
  sport: { fa: 'ورزش', ps: 'لوبې' },
  culture: { fa: 'فرهنگ', ps: 'کلتور' },
  technology: { fa: 'تکنالوژی', ps: 'ټکنالوژي' },
}

/** Stories written for this test: a lead with a picture, and a few more for the lists. */
const STORIES = {
  fa: [
    {
      slug: 'kabul-wells-open',
      headline: 'ادارهٔ آب در غرب کابل دوازده چاه تازه باز کرد',
      dek: 'باشندگان سه ناحیه پیش از زمستان آب آشامیدنی خواهند داشت؛ چهل چاه دیگر هم وعده داده شده است.',
      body: [
        'باشندگان سه ناحیهٔ غربی شهر روز دوشنبه صف کشیدند، چون ادارهٔ آب دوازده چاه تازه را باز کرد. این نخستین بخش از چهل چاهی است که امسال وعده داده شده بود.',
        'انجنیران می‌گویند این چاه‌ها از لایهٔ عمیق‌تری آب می‌کشند که در ده سال گذشته پایین نرفته است. به گفتهٔ آنان، هر چاه روزانه برای نزدیک به دو هزار خانواده آب دارد.',
        'یکی از باشندگان ناحیهٔ سیزدهم گفت: «پیش از این هر روز دو ساعت برای آب در صف می‌ایستادیم.»',
      ],
      tags: ['آب', 'کابل', 'زمستان'],
    },
    {
      slug: 'herat-saffron-harvest',
      headline: 'دهقانان هرات از حاصل زعفران امسال راضی اند',
      dek: 'باران بهاری حاصل را نسبت به سال گذشته بیشتر کرده است.',
      body: ['دهقانان ولسوالی پشتون زرغون می‌گویند حاصل زعفران امسال یک سوم بیشتر شده است.'],
      tags: ['هرات', 'زراعت'],
    },
    {
      slug: 'mazar-school-reopens',
      headline: 'مکتب بازسازی‌شده در مزار شریف دوباره باز شد',
      dek: 'بیش از هشتصد شاگرد به صنف‌های گرم برمی‌گردند.',
      body: ['مکتب پس از شش ماه کار ساختمانی با دوازده صنف تازه باز شد.'],
      tags: ['معارف'],
    },
    {
      slug: 'kabul-cricket-league',
      headline: 'لیگ کرکت جوانان کابل با شانزده تیم آغاز شد',
      dek: 'بازی‌ها تا پایان ماه در میدان غازی برگزار می‌شود.',
      body: ['شانزده تیم از ناحیه‌های مختلف کابل در این لیگ بازی می‌کنند.'],
      tags: ['کرکت'],
    },
  ],
  ps: [
    {
      slug: 'kabul-wells-open',
      headline: 'د اوبو ادارې د کابل په لوېدیځ کې دولس نوې څاګانې پرانیستې',
      dek: 'د درېیو سیمو اوسېدونکي به له ژمي مخکې د څښاک اوبه ولري؛ نورې څلوېښت څاګانې هم ژمنه شوې دي.',
      body: [
        'د ښار د لوېدیځو سیمو اوسېدونکي د دوشنبې په ورځ ودرېدل، ځکه د اوبو ادارې دولس نوې څاګانې پرانیستې. دا د هغو څلوېښتو څاګانو لومړۍ برخه ده چې سږکال یې ژمنه شوې وه.',
        'انجنیران وايي دا څاګانې له یوه ژور پوړ څخه اوبه راباسي چې په تېرو لسو کلونو کې نه دی ټیټ شوی.',
        'د دیارلسمې ناحیې یوه اوسېدونکي وویل: «مخکې به موږ هره ورځ دوه ساعته د اوبو لپاره په کتار کې ولاړ وو.»',
      ],
      tags: ['اوبه', 'کابل', 'ژمی'],
    },
    {
      slug: 'kandahar-pomegranate-market',
      headline: 'د کندهار انار بازار ته له تېر کال مخکې ورسېدل',
      dek: 'بزګران وايي سږکال حاصل ښه دی او بیې ټیټې دي.',
      body: ['د ارغنداب بزګرانو سږکال له تېر کال دوه اونۍ مخکې انار ټول کړل.'],
      tags: ['کندهار', 'کرنه'],
    },
    {
      slug: 'jalalabad-clinic',
      headline: 'په جلال اباد کې د ماشومانو نوی کلینیک پرانیستل شو',
      dek: 'کلینیک به هره ورځ تر دوو سوو ماشومانو ته خدمت وکړي.',
      body: ['نوی کلینیک د ښار په مرکز کې جوړ شوی او وړیا درمل ورکوي.'],
      tags: ['روغتیا'],
    },
    {
      slug: 'khost-football',
      headline: 'د خوست د فوټبال ټیم د سیمه ییزې سیالۍ فاینل ته ورسېد',
      dek: 'فاینل لوبه به د جمعې په ورځ وشي.',
      body: ['د خوست ټیم په نیمه پایلوبه کې د پکتیا ټیم ته درې یو ماتې ورکړه.'],
      tags: ['فوټبال'],
    },
  ],
} as const

type Language = 'en' | 'fa' | 'ps'

async function noHorizontalOverflow(
  page: Page,
): Promise<{ scrollWidth: number; clientWidth: number; wide: string[] }> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth
    const wide = Array.from(document.querySelectorAll('body *'))
      .filter((el) => {
        const box = el.getBoundingClientRect()
        return box.width > 0 && (box.right > width + 1 || box.left < -1)
      })
      // Visually hidden labels sit off-screen on purpose (clip), as does the skip link until focused.
      .filter((el) => !el.closest('.visually-hidden, .skip-link'))
      // A row that scrolls sideways on its own (the section menu) or clips (a long breadcrumb) may be wider.
      .filter((el) => {
        for (let parent = el.parentElement; parent; parent = parent.parentElement) {
          if (['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(parent).overflowX)) return false
        }
        return true
      })
      .map((el) => `${el.tagName.toLowerCase()}.${el.className}`)
    return { scrollWidth: document.documentElement.scrollWidth, clientWidth: width, wide: wide.slice(0, 5) }
  })
}

describe.skipIf(!hasChromium)('home and story pages in English, Dari and Pashto', () => {
  let t: TestApp
  let browser: Browser
  const articleUrls: Record<Language, string> = { en: '', fa: '', ps: '' }

  beforeAll(async () => {
    t = await startTestApp('sqlite')
    const ctx = t.ctx
    await seedDemo(ctx)
    const sections = await ctx.db.selectFrom('sections').select(['id', 'slug']).execute()
    const rows = sections.flatMap((s) => {
      const names = SECTION_NAMES[s.slug]
      return names
        ? [
            { section_id: s.id, language: 'fa', name: names.fa, description: '' },
            { section_id: s.id, language: 'ps', name: names.ps, description: '' },
          ]
        : []
    })
    // The demo may bring its own names: those stay.
    await ctx.db
      .insertInto('section_translations')
      .values(rows)
      .onConflict((oc) => oc.columns(['section_id', 'language']).doNothing())
      .execute()
    const sectionId = (slug: string): number =>
      sections.find((s) => s.slug === slug)?.id ?? sections[0]?.id ?? 0
    const media = await ctx.db.selectFrom('media').select('id').orderBy('id').limit(4).execute()

    const authors = {
      // A Latin-script byline on Dari and Pashto pages, beside one in Arabic script.
      fa: [
        await makeAuthor(ctx, {
          slug: 'maryam-sadat',
          name: 'Maryam Sadat',
          jobTitle: 'گزارشگر آب و صحت',
          bio: 'مریم سادات دربارهٔ آب، صحت و زندگی شهری در کابل گزارش می‌نویسد.',
        }),
        await makeAuthor(ctx, {
          slug: 'fariba-ahmadi',
          name: 'فریبا احمدی',
          jobTitle: 'گزارشگر',
          bio: 'فریبا احمدی از هرات گزارش می‌دهد.',
        }),
      ],
      ps: [
        await makeAuthor(ctx, {
          slug: 'ahmad-shah-karimi',
          name: 'Ahmad Shah Karimi',
          jobTitle: 'د روغتیا خبریال',
          bio: 'احمد شاه کریمي د اوبو او روغتیا په اړه راپورونه لیکي.',
        }),
        await makeAuthor(ctx, {
          slug: 'gul-rahman-zadran',
          name: 'ګل رحمان ځدراڼ',
          jobTitle: 'خبریال',
          bio: 'ګل رحمان ځدراڼ له خوست څخه راپور ورکوي.',
        }),
      ],
    }
    const sectionsInOrder = ['society', 'economy', 'education', 'sport']
    for (const language of ['fa', 'ps'] as const) {
      for (const [i, story] of STORIES[language].entries()) {
        const id = await makeArticle(ctx, {
          language,
          slug: story.slug,
          headline: story.headline,
          dek: story.dek,
          bodyHtml: paragraphs(...story.body),
          dateline: language === 'fa' ? 'کابل' : 'کابل',
          sectionId: sectionId(sectionsInOrder[i] ?? 'society'),
          authorIds: i === 0 ? authors[language] : [authors[language][1] ?? 0],
          tagNames: [...story.tags],
          featuredMediaId: media[i]?.id ?? null,
          publishedAt: new Date(Date.parse('2026-11-27T04:30:00Z') - i * 5_400_000).toISOString(),
        })
        if (i === 0) {
          await recordCorrection(
            ctx,
            systemActor('test'),
            id,
            language === 'fa'
              ? 'در نسخهٔ پیشین شمار چاه‌ها ده نوشته شده بود.'
              : 'په پخوانۍ بڼه کې د څاګانو شمېر لس لیکل شوی و.',
            '2026-11-27T06:00:00.000Z',
          )
          articleUrls[language] = `/${language}/society/${story.slug}`
        }
      }
    }
    // The English story: the demo's lead, as the front page links to it.
    const front = await (await t.get('/')).text()
    articleUrls.en = /class="lead-headline"><a href="([^"]+)"/.exec(front)?.[1] ?? 'no lead story'
    browser = await launchChromium()
    mkdirSync(outputDir, { recursive: true })
  })

  afterAll(async () => {
    await browser?.close()
    await t?.close()
  })

  for (const language of ['en', 'fa', 'ps'] as const) {
    for (const viewport of VIEWPORTS) {
      it(`${language} home and story on a ${viewport.width} px screen`, async () => {
        const page = await browser.newPage({ viewport: { width: viewport.width, height: viewport.height } })
        try {
          for (const [kind, path] of [
            ['home', language === 'en' ? '/' : `/${language}/`],
            ['article', articleUrls[language]],
          ] as const) {
            const response = await page.goto(t.baseUrl + path)
            expect(response?.status()).toBe(200)
            await page.evaluate(() => document.fonts.ready)
            const html = page.locator('html')
            expect(await html.getAttribute('lang')).toBe(language)
            expect(await html.getAttribute('dir')).toBe(language === 'en' ? 'ltr' : 'rtl')
            await page.screenshot({
              path: new URL(`${language}-${kind}-${viewport.name}.png`, outputDir).pathname,
              fullPage: true,
            })
            if (viewport.width === 360) {
              const overflow = await noHorizontalOverflow(page)
              expect({ path, ...overflow }).toEqual({
                path,
                scrollWidth: overflow.clientWidth,
                clientWidth: overflow.clientWidth,
                wide: [],
              })
            }
            // The front page mirrors: the lead story starts the line, the latest list ends it.
            if (kind === 'home' && viewport.width > 600) {
              const lead = await page.locator('.lead-story').boundingBox()
              const latest = await page.locator('.latest').boundingBox()
              expect(lead && latest).toBeTruthy()
              if (lead && latest) {
                if (language === 'en') expect(lead.x).toBeLessThan(latest.x)
                else expect(lead.x).toBeGreaterThan(latest.x)
              }
            }
            if (kind === 'article') {
              // The breadcrumb reads from the right on RTL pages: Home is the rightmost crumb.
              const crumbs = page.locator('nav.breadcrumb li')
              const first = await crumbs.nth(0).boundingBox()
              const second = await crumbs.nth(1).boundingBox()
              expect(first && second).toBeTruthy()
              if (first && second) {
                if (language === 'en') expect(first.x).toBeLessThan(second.x)
                else expect(first.x).toBeGreaterThan(second.x)
              }
              if (language !== 'en') {
                // A Latin name in an RTL byline is isolated, so the separator stays between the names.
                const byline = await page.locator('.byline').textContent()
                expect(byline).toMatch(
                  language === 'fa'
                    ? /^از Maryam Sadat و فریبا احمدی$/
                    : /^د Ahmad Shah Karimi او ګل رحمان ځدراڼ لخوا$/,
                )
                expect(await page.locator('.byline bdi').count()).toBe(2)
                // The story text is set in Vazirmatn, not a fallback font.
                const family = await page
                  .locator('.story-body p')
                  .first()
                  .evaluate((el) => getComputedStyle(el).fontFamily)
                expect(family).toMatch(/Vazirmatn/)
              }
            }
          }
        } finally {
          await page.close()
        }
      })
    }
  }
})
