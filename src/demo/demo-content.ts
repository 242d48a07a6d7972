// The fixed parts of the demo newsroom: sections, bylines, tags and the illustrations. Everything here
// was written for Dateline; the people are invented and the newsroom is fictional.
import type { TopicKey } from './demo-topics.ts'

export type SectionKey = 'politics' | 'economy' | 'society' | 'education' | 'sport' | 'culture' | 'technology'

export interface DemoSection {
  key: SectionKey
  name: string
  description: string
  position: number
  parent?: SectionKey
}

// Parents come before their children so that the seed can create them in this order.
export const DEMO_SECTIONS: readonly DemoSection[] = [
  {
    key: 'politics',
    name: 'Politics',
    description: 'City government, public services and the decisions that shape daily life.',
    position: 1,
  },
  {
    key: 'economy',
    name: 'Economy',
    description: 'Markets, prices, trade and the harvests that feed them.',
    position: 2,
  },
  {
    key: 'society',
    name: 'Society',
    description: 'Water, roads, weather, health and the neighbourhoods of the country.',
    position: 3,
  },
  {
    key: 'education',
    name: 'Education',
    description: 'Schools, teachers, universities and the people who learn in them.',
    position: 1,
    parent: 'society',
  },
  {
    key: 'sport',
    name: 'Sport',
    description: 'Cricket, football, wrestling, buzkashi and the clubs that keep them going.',
    position: 4,
  },
  {
    key: 'culture',
    name: 'Culture',
    description: 'Poetry, books, crafts and the heritage of the old cities.',
    position: 5,
  },
  {
    key: 'technology',
    name: 'Technology',
    description: 'Phones, payments, power and the people building the tools.',
    position: 6,
  },
]

export interface DemoPerson {
  slug: string
  name: string
  initials: string
  jobTitle: string
  bio: string
  /** Avatar background. */
  color: string
}

export const DEMO_PEOPLE: readonly DemoPerson[] = [
  {
    slug: 'mariam-hakimi',
    name: 'Mariam Hakimi',
    initials: 'MH',
    jobTitle: 'Senior Correspondent',
    bio:
      'Mariam Hakimi covers city government, public services and infrastructure from Kabul. ' +
      'She joined Dateline Daily as a trainee reporter and has since written about the capital’s water ' +
      'supply, its roads and its budgets. She is happiest with a spreadsheet and a long walk through a district.',
    color: '#8a3b2e',
  },
  {
    slug: 'ahmad-shoaib-rahyab',
    name: 'Ahmad Shoaib Rahyab',
    initials: 'AR',
    jobTitle: 'Economy Editor',
    bio:
      'Ahmad Shoaib Rahyab edits the economy and technology pages. Before journalism he kept the books for a ' +
      'family trading business, which taught him to ask what a price really includes.',
    color: '#2f5d62',
  },
  {
    slug: 'laila-noorzad',
    name: 'Laila Noorzad',
    initials: 'LN',
    jobTitle: 'Education and Health Reporter',
    bio:
      'Laila Noorzad reports on schools, universities, clinics and the weather that shapes all of them. ' +
      'She trained as a teacher and still visits a classroom most weeks. Readers send her their questions ' +
      'about exams, and she answers as many as she can.',
    color: '#5b4a8b',
  },
  {
    slug: 'farhad-samimi',
    name: 'Farhad Samimi',
    initials: 'FS',
    jobTitle: 'Sports Writer',
    bio:
      'Farhad Samimi writes about cricket, football and the traditional sports of the north. He has covered ' +
      'club and youth matches in most of the country’s provinces and keeps a scorebook for every game he watches.',
    color: '#3c6e3a',
  },
  {
    slug: 'nargis-azadzoy',
    name: 'Nargis Azadzoy',
    initials: 'NA',
    jobTitle: 'Culture Editor',
    bio:
      'Nargis Azadzoy edits the culture pages, from poetry evenings to the workshops of the old cities. ' +
      'She studied literature and translates short stories in her spare time.',
    color: '#9a6a1f',
  },
]

export const DEMO_AGENCY = {
  slug: 'dateline-news',
  name: 'Dateline News',
  bio:
    'Dateline News is the agency desk of Dateline Daily. Its reporters and correspondents in the provinces ' +
    'file short reports that are edited in Kabul and credited to the desk rather than to one journalist.',
} as const

// Created up front so that every tag exists even before a story uses it; the topics pick from these.
export const DEMO_TAGS: readonly string[] = [
  'Kabul Municipality',
  'Public services',
  'Trade',
  'Exports',
  'Transport',
  'Markets',
  'Prices',
  'Agriculture',
  'Water',
  'Climate',
  'Roads',
  'Winter',
  'Weather',
  'Health',
  'Schools',
  'Teachers',
  'Books',
  'Universities',
  'Cricket',
  'Football',
  'Youth sport',
  'Traditional sport',
  'Poetry',
  'Calligraphy',
  'Heritage',
  'Tourism',
  'Technology',
  'Mobile money',
  'Energy',
]

export type Motif =
  | 'waves'
  | 'fruit'
  | 'book'
  | 'road'
  | 'snow'
  | 'cross'
  | 'cricket'
  | 'pattern'
  | 'signal'
  | 'skyline'

export interface DemoImage {
  name: string
  motif: Motif
  /** Two background colours (top, bottom) and an accent. */
  palette: readonly [string, string, string]
  alt: string
  caption: string
  /** The newest published story of each of these topics gets this picture. */
  topics: readonly TopicKey[]
}

export const IMAGE_CREDIT = 'Illustration: Dateline Daily'

export const DEMO_IMAGES: readonly DemoImage[] = [
  {
    name: 'river',
    motif: 'waves',
    palette: ['#d9ecf2', '#3d7ea6', '#f4f1e8'],
    alt: 'Layered blue waves under a pale sky with a low white sun',
    caption: 'A river in spring, when the snowmelt comes down from the mountains.',
    topics: ['water'],
  },
  {
    name: 'market',
    motif: 'fruit',
    palette: ['#f6e7cf', '#c9884a', '#b3302d'],
    alt: 'Rows of round red and orange fruit stacked on a market stall',
    caption: 'Fruit stacked high on a market stall.',
    topics: ['markets', 'exports'],
  },
  {
    name: 'books',
    motif: 'book',
    palette: ['#efe6d4', '#9fb6a1', '#2f4858'],
    alt: 'An open book drawn in simple shapes on a green and cream background',
    caption: 'An open book: new reading material is reaching classrooms.',
    topics: ['schools', 'universities'],
  },
  {
    name: 'mountain-road',
    motif: 'road',
    palette: ['#f2d8b3', '#8c6a4f', '#3a3a3a'],
    alt: 'A winding road climbing between brown hills at dusk',
    caption: 'A mountain road winds through the hills.',
    topics: ['roads'],
  },
  {
    name: 'first-snow',
    motif: 'snow',
    palette: ['#dfe7f0', '#7d8fa6', '#ffffff'],
    alt: 'Snow-covered peaks under a grey-blue sky with falling snowflakes',
    caption: 'Snow on the peaks: the winter store of next year’s water.',
    topics: ['weather'],
  },
  {
    name: 'clinic',
    motif: 'cross',
    palette: ['#e6f2ef', '#5aa39a', '#1f8a5b'],
    alt: 'A green cross in a white circle on a soft green background',
    caption: 'Health clinics are trying new ways to shorten waiting times.',
    topics: ['health'],
  },
  {
    name: 'cricket',
    motif: 'cricket',
    palette: ['#e9f0d8', '#6d9a4a', '#a52a2a'],
    alt: 'A red cricket ball in front of three wooden stumps on a green field',
    caption: 'Ball and stumps: the season is in full swing.',
    topics: ['cricket'],
  },
  {
    name: 'carpet',
    motif: 'pattern',
    palette: ['#7a1f2b', '#3b0f1a', '#e0b46a'],
    alt: 'A geometric pattern of gold diamonds on deep red, like a hand-woven carpet',
    caption: 'Patterns passed from one generation of weavers to the next.',
    topics: ['heritage'],
  },
  {
    name: 'signal',
    motif: 'signal',
    palette: ['#1f2a44', '#3f5e8c', '#f2c14e'],
    alt: 'A slender tower sending out yellow signal arcs against a night-blue sky',
    caption: 'More people now go online by phone than by any other way.',
    topics: ['connectivity'],
  },
  {
    name: 'city',
    motif: 'skyline',
    palette: ['#f7d9a8', '#d9825b', '#40333a'],
    alt: 'A city skyline of low buildings silhouetted against an orange evening sky',
    caption: 'The city at dusk.',
    topics: ['city'],
  },
]
