// Demo stories in Dari and Pashto, and the sections' names in both. Written for Dateline: every
// place is real, every person and event is invented, as in the English demo stories. Some are
// translations of an English demo story (named by its English headline) and are linked to it, so
// the demo shows "Read this in …" links and hreflang; the others stand alone.
import type { SectionKey } from './demo-content.ts'

export interface TranslatedStorySpec {
  language: 'fa' | 'ps'
  /** The English demo story this one translates, by its headline; undefined for one of its own. */
  translationOf?: string
  section: SectionKey
  /** Dateline as printed in the story's language ('' for none). */
  place: string
  headline: string
  dek: string
  paragraphs: readonly string[]
  /** Author slugs (demo-content.ts DEMO_PEOPLE, or the agency). */
  bylines: readonly string[]
  tagNames: readonly string[]
  /** For a story of its own: published this many hours before the seed's "now". */
  hoursAgo?: number
}

/** Section names and descriptions in Dari and Pashto (admin → Sections shows and edits them). */
export const DEMO_SECTION_TRANSLATIONS: Record<
  SectionKey,
  Record<'fa' | 'ps', { name: string; description: string }>
> = {
  politics: {
    fa: { name: 'سیاست', description: 'ادارهٔ شهر، خدمات عامه و تصمیم‌هایی که زندگی روزمره را شکل می‌دهد.' },
    ps: { name: 'سیاست', description: 'د ښار اداره، عامه خدمتونه او هغه پرېکړې چې ورځنی ژوند جوړوي.' },
  },
  economy: {
    fa: { name: 'اقتصاد', description: 'بازارها، قیمت‌ها، تجارت و حاصلاتی که بازارها را پر می‌کند.' },
    ps: { name: 'اقتصاد', description: 'بازارونه، بیې، سوداګري او هغه حاصلات چې بازارونه ډکوي.' },
  },
  society: {
    fa: { name: 'جامعه', description: 'آب، سرک، هوا، صحت و محله‌های کشور.' },
    ps: { name: 'ټولنه', description: 'اوبه، سړکونه، هوا، روغتیا او د هېواد سیمې.' },
  },
  education: {
    fa: { name: 'آموزش', description: 'مکتب‌ها، استادان، پوهنتون‌ها و کسانی که در آن‌ها درس می‌خوانند.' },
    ps: { name: 'زده‌کړه', description: 'ښوونځي، ښوونکي، پوهنتونونه او هغه کسان چې پکې زده‌کړه کوي.' },
  },
  sport: {
    fa: {
      name: 'ورزش',
      description: 'کرکت، فوتبال، پهلوانی، بزکشی و باشگاه‌هایی که آن‌ها را زنده نگه می‌دارند.',
    },
    ps: { name: 'لوبې', description: 'کرکټ، فوټبال، غېږه، بزکشي او هغه کلبونه چې دا لوبې ژوندۍ ساتي.' },
  },
  culture: {
    fa: { name: 'فرهنگ', description: 'شعر، کتاب، صنایع دستی و میراث شهرهای کهن.' },
    ps: { name: 'کلتور', description: 'شعر، کتابونه، لاسي صنایع او د لرغونو ښارونو میراث.' },
  },
  technology: {
    fa: { name: 'تکنالوژی', description: 'تلفن، پرداخت، برق و کسانی که ابزارها را می‌سازند.' },
    ps: { name: 'ټکنالوژي', description: 'ټلیفونونه، تادیات، برېښنا او هغه کسان چې وسایل جوړوي.' },
  },
}

export const TRANSLATED_STORIES: readonly TranslatedStorySpec[] = [
  // ——— Dari ———
  {
    language: 'fa',
    translationOf: 'Kabul municipality plans to reline western drains before spring rains',
    section: 'politics',
    place: 'کابل',
    headline: 'شاروالی کابل پیش از باران‌های بهاری جوی‌های غرب شهر را بازسازی می‌کند',
    dek: 'مسئولان می‌گویند کار از جوی‌هایی آغاز می‌شود که سال گذشته کوچه‌ها را زیر آب برد.',
    paragraphs: [
      'شاروالی کابل می‌گوید پیش از آغاز باران‌های بهاری، نزدیک به ۴۰ کیلومتر جوی و کانال آب‌رو را در ناحیه‌های غربی شهر پاک‌کاری و بازسازی می‌کند.',
      'به گفتهٔ کارمندان بخش آب‌رو، کار نخست از کوچه‌هایی آغاز می‌شود که سال گذشته بیش از همه زیر آب رفتند و باشندگان بارها از آن شکایت کرده بودند.',
      'وحید شریفی، انجینیر بخش آب‌روی شاروالی، گفت: «ما می‌دانیم کدام کوچه‌ها آب می‌گیرد، چون مردم هر بار به ما زنگ می‌زنند. امسال می‌خواهیم پیش از باران کار را تمام کنیم، نه پس از آن.»',
    ],
    bylines: ['ahmad-shoaib-rahyab'],
    tagNames: ['Kabul Municipality', 'Water'],
  },
  {
    language: 'fa',
    translationOf: 'Flour prices steady as traders stock up for winter',
    section: 'economy',
    place: 'کابل',
    headline: 'قیمت آرد با ذخیرهٔ زمستانی تاجران ثابت مانده است',
    dek: 'فروشندگان بازارهای کابل می‌گویند عرضه کافی است و خریداران نگران کمبود نیستند.',
    paragraphs: [
      'قیمت یک بوری آرد در بازارهای کابل در دو هفتهٔ گذشته تقریباً بدون تغییر مانده است، در حالی که تاجران گدام‌های خود را برای ماه‌های سرد پر می‌کنند.',
      'فروشندگان در مندوی کابل می‌گویند محموله‌ها به‌موقع رسیده و بسیاری از خانواده‌ها امسال آرد زمستان را زودتر از سال‌های پیش خریده‌اند.',
      'یک عمده‌فروش آرد گفت: «وقتی مردم می‌بینند قیمت هر روز بالا نمی‌رود، با آرامش خرید می‌کنند. این برای همه بهتر است.»',
    ],
    bylines: ['mariam-hakimi'],
    tagNames: ['Markets', 'Prices'],
  },
  {
    language: 'fa',
    translationOf: 'First snow of the season falls on Bamyan',
    section: 'society',
    place: 'بامیان',
    headline: 'نخستین برف فصل در بامیان بارید',
    dek: 'راه‌های روستایی باز است، اما رانندگان خواسته شده‌اند با زنجیر چرخ سفر کنند.',
    paragraphs: [
      'نخستین برف فصل شب گذشته در بامیان بارید و بام خانه‌ها و کشتزارهای اطراف شهر را سفید کرد.',
      'مسئولان محلی می‌گویند راه‌های اصلی باز است، اما از رانندگانی که به سوی ولسوالی‌های بلند می‌روند خواسته‌اند زنجیر چرخ همراه داشته باشند.',
      'دهقانان می‌گویند برف زودهنگام برای آب بهار خبر خوبی است، به شرطی که سرما تا ماه حمل ادامه نیابد.',
    ],
    bylines: ['dateline-news'],
    tagNames: ['Weather', 'Winter'],
  },
  {
    language: 'fa',
    translationOf: 'Poetry evening fills an old city teahouse',
    section: 'culture',
    place: 'هرات',
    headline: 'شب شعر، سماوار کهنهٔ شهر را پر کرد',
    dek: 'شاعران جوان و پیر تا پاسی از شب غزل خواندند و شنوندگان بیرون در ایستادند.',
    paragraphs: [
      'یک سماوار قدیمی در شهر کهنهٔ هرات شب پنجشنبه میزبان محفل شعری بود که آن‌قدر شنونده داشت که گروهی بیرون در ایستادند.',
      'شاعران جوان در کنار استادان قدیمی غزل و دوبیتی خواندند و میان هر دور، چای و کشمش میان مهمانان گشت.',
      'صاحب سماوار گفت این محفل را هر ماه برگزار می‌کند و جای آن همیشه برای شاعران تازه‌کار باز است.',
    ],
    bylines: ['laila-noorzad'],
    tagNames: ['Poetry', 'Heritage'],
  },
  {
    language: 'fa',
    section: 'education',
    place: 'هرات',
    headline: 'کتابخانهٔ سیار به مکتب‌های ولسوالی‌های هرات می‌رود',
    dek: 'یک موتر پر از کتاب هر هفته به شش مکتب دوردست سر می‌زند.',
    paragraphs: [
      'یک کتابخانهٔ سیار که در یک موتر باربری کوچک جا داده شده، از این ماه هر هفته به شش مکتب در ولسوالی‌های دوردست هرات سر می‌زند.',
      'شاگردان می‌توانند هر بار دو کتاب به امانت بگیرند و هفتهٔ بعد آن را پس بدهند. بیشتر کتاب‌ها داستان‌های کودکانه و کتاب‌های سادهٔ علوم است.',
      'یکی از آموزگاران گفت: «بچه‌ها روز آمدن موتر را از پیش می‌دانند و کنار دروازهٔ مکتب منتظر می‌مانند.»',
    ],
    bylines: ['laila-noorzad'],
    tagNames: ['Schools', 'Books'],
    hoursAgo: 30,
  },
  {
    language: 'fa',
    section: 'technology',
    place: 'مزار شریف',
    headline: 'دکان‌داران مزار شریف پرداخت با تلفن را بیشتر می‌پذیرند',
    dek: 'فروشندگان می‌گویند پرداخت با تلفن مشکل پول خُرد را کم کرده است.',
    paragraphs: [
      'شمار دکان‌هایی که در بازارهای مزار شریف پول را از راه تلفن همراه می‌پذیرند در ماه‌های اخیر به گونهٔ چشمگیری افزایش یافته است.',
      'فروشندگان می‌گویند پرداخت با تلفن مشکل همیشگی پول خُرد را کم کرده و نگهداری حساب روزانه را ساده‌تر ساخته است.',
      'یک دکان‌دار لوازم خانه گفت: «پیش‌تر نیمی از وقتم صرف پیدا کردن پول خُرد می‌شد. حالا مشتری پیام می‌فرستد و کار تمام است.»',
    ],
    bylines: ['farhad-samimi'],
    tagNames: ['Technology', 'Mobile money'],
    hoursAgo: 75,
  },
  // ——— Pashto ———
  {
    language: 'ps',
    translationOf: 'Kabul municipality plans to reline western drains before spring rains',
    section: 'politics',
    place: 'کابل',
    headline: 'د کابل ښاروالۍ د پسرلي له بارانونو مخکې د لوېدیځو سیمو ویالې بیا جوړوي',
    dek: 'چارواکي وايي کار به له هغو ویالو پیلېږي چې تېر کال یې کوڅې اوبو ونیولې.',
    paragraphs: [
      'د کابل ښاروالۍ ویلي چې د پسرلي د بارانونو له پیل مخکې به د ښار په لوېدیځو ناحیو کې نږدې ۴۰ کیلومتره ویالې او د اوبو لارې پاکې او بیا جوړې کړي.',
      'د ښاروالۍ د اوبو لارو د څانګې کارکوونکي وايي کار به له هغو کوڅو پیلېږي چې تېر کال تر ټولو ډېرې اوبو ونیولې او اوسېدونکو پرې بیا بیا شکایت کړی و.',
      'د ښاروالۍ انجینر وحید شریفي وویل: «موږ پوهېږو چې کومې کوڅې اوبه نیسي، ځکه خلک هر ځل موږ ته زنګ وهي. سږ کال غواړو کار له باران مخکې پای ته ورسوو.»',
    ],
    bylines: ['ahmad-shoaib-rahyab'],
    tagNames: ['Kabul Municipality', 'Water'],
  },
  {
    language: 'ps',
    translationOf: 'Resurfacing of highway north of Kandahar finished early',
    section: 'society',
    place: 'کندهار',
    headline: 'د کندهار شمال ته د لویې لارې بیا قیرول له ټاکلي وخت مخکې بشپړ شول',
    dek: 'موټر چلوونکي وايي سفر اوس لنډ او ارام شوی دی.',
    paragraphs: [
      'د کندهار ښار شمال ته د لویې لارې د یوې برخې بیا قیرول له ټاکلي وخت نږدې دوه اونۍ مخکې بشپړ شول.',
      'د ترانسپورټ د شرکتونو چلوونکي وايي پخوا به یې په کندو کې ورو ورو تګ کاوه، خو اوس همدا سفر تر نیم ساعت لنډ شوی دی.',
      'یوه لاریوان وویل: «اوس زموږ د موټرو ټایرونه هم نه خرابېږي او تېلو ته هم لږ پیسې ورکوو.»',
    ],
    bylines: ['dateline-news'],
    tagNames: ['Roads', 'Transport'],
  },
  {
    language: 'ps',
    translationOf: 'Young fast bowlers impress at Jalalabad academy trials',
    section: 'sport',
    place: 'جلال اباد',
    headline: 'د جلال اباد اکاډمۍ په ازموینو کې ځوانو چټکو بالرانو ښه هنر وښود',
    dek: 'روزونکي وايي له ولسوالیو راغلي ځوانان تر تمې ډېر پیاوړي وو.',
    paragraphs: [
      'د جلال اباد د کرکټ اکاډمۍ په دوه ورځنیو ازموینو کې له سلو ډېرو ځوانانو برخه واخیسته او څو چټکو بالرانو د روزونکو پام ځانته واړاوه.',
      'روزونکي وايي تر ټولو ښه بالران هغه ځوانان وو چې له لرې ولسوالیو راغلي وو او تر دې مخکې یې هېڅ رسمي روزنه نه وه لیدلې.',
      'د اکاډمۍ یوه روزونکي وویل: «د دوی په لاسونو کې ځواک شته. که ښه روزنه ومومي، ډېر ژر به یې په لوړو لوبو کې ووینو.»',
    ],
    bylines: ['farhad-samimi'],
    tagNames: ['Cricket', 'Youth sport'],
  },
  {
    language: 'ps',
    translationOf: 'Orange season opens in Jalalabad with lower prices for shoppers',
    section: 'economy',
    place: 'جلال اباد',
    headline: 'په جلال اباد کې د نارنجو موسم په ټیټو بیو پیل شو',
    dek: 'باغوانان وايي سږ کال حاصل ښه دی، خو د لېږد لګښت لا هم لوړ دی.',
    paragraphs: [
      'په جلال اباد کې د نارنجو موسم پیل شوی او د ښار په بازارونو کې یې بیه تر تېر کال ټیټه ده.',
      'باغوانان وايي سږ کال د ښه باران له امله ونې ډېرې مېوه لري، خو کابل او نورو ښارونو ته د نارنجو د وړلو لګښت لا هم لوړ دی.',
      'یوه پلورونکي وویل: «خلک اوس په کڅوړو کې اخلي، نه په دانو. دا د موسم تر ټولو ښه نښه ده.»',
    ],
    bylines: ['mariam-hakimi'],
    tagNames: ['Agriculture', 'Prices'],
  },
  {
    language: 'ps',
    section: 'society',
    place: 'کندهار',
    headline: 'د کندهار په بازارونو کې د څښاک اوبو نوي نلونه ولګول شول',
    dek: 'دوکاندار او پېرودونکي وايي اوس نور اوبه له کوره نه راوړي.',
    paragraphs: [
      'د کندهار ښاروالۍ د ښار په درېیو لویو بازارونو کې د څښاک د پاکو اوبو لس نوي نلونه لګولي دي.',
      'دوکاندارانو ویلي چې د اوړي په ګرمو ورځو کې به یې اوبه له کوره راوړې، خو اوس پېرودونکي او پلورونکي دواړه له همدې نلونو اوبه څښي.',
      'د ښاروالۍ یوه کارکوونکي وویل چې که دا نلونه ګټور ثابت شي، نور بازارونه به هم په راتلونکي کال کې ورته نلونه ولري.',
    ],
    bylines: ['dateline-news'],
    tagNames: ['Water', 'Public services'],
    hoursAgo: 20,
  },
  {
    language: 'ps',
    section: 'culture',
    place: 'کندهار',
    headline: 'په کندهار کې د ټپې او لنډۍ ماښام ګڼ شمېر خلک راټول کړل',
    dek: 'ځوانو او زړو شاعرانو د ولسي شعر زاړه او نوي بیتونه ووېل.',
    paragraphs: [
      'په کندهار کې د ولسي شعر یوه ماښامني غونډه د ښار په یوه زاړه حجره کې جوړه شوه او ګڼ شمېر خلک پکې راټول شول.',
      'ځوانو او زړو شاعرانو ټپې او لنډۍ ووېلې. ځینو پکې د کلي ژوند ستایلی و او ځینو د ښار د نوي ژوند خبرې کولې.',
      'د غونډې یوه ګډونوال وویل: «ټپه زموږ د خلکو زړه دی. دا ماښامونه یې ژوندی ساتي.»',
    ],
    bylines: ['laila-noorzad'],
    tagNames: ['Poetry', 'Heritage'],
    hoursAgo: 52,
  },
]
