// JSON schemas of the content API: one source for three jobs. Fastify validates query and path
// parameters with them, serializes responses with them (a property not listed here can never be
// sent, e.g. an author's user_id), and openapi.ts builds /api/v1/openapi.json from the same objects.

/** Public fields of an article that `fields=` may select; `id` is always sent. */
export const ARTICLE_FIELDS = [
  'slug',
  'language',
  'status',
  'url',
  'path',
  'headline',
  'dek',
  'excerpt',
  'dateline',
  'published_at',
  'updated_at',
  'section',
  'authors',
  'tags',
  'image',
  'image_caption',
  'image_credit',
  'correction_note',
  'word_count',
  'translations',
  'body_html',
] as const

export type ArticleField = (typeof ARTICLE_FIELDS)[number]

export const ARTICLE_STATUSES = ['published', 'draft', 'review', 'scheduled', 'unpublished'] as const
export const MAX_PER_PAGE = 100
export const DEFAULT_PER_PAGE = 20

const string = { type: 'string' } as const
const integer = { type: 'integer' } as const
const dateTime = { type: 'string', format: 'date-time' } as const
const nullableDateTime = { type: ['string', 'null'], format: 'date-time' } as const
const absoluteUrl = { type: 'string', format: 'uri' } as const

function object<P extends Record<string, unknown>>(properties: P, required: readonly (keyof P & string)[]) {
  return { type: 'object', additionalProperties: false, properties, required } as const
}

const sectionRef = {
  ...object({ id: integer, slug: string, name: string, url: absoluteUrl }, ['id', 'slug', 'name', 'url']),
  type: ['object', 'null'],
} as const

const authorRef = object(
  {
    id: integer,
    slug: string,
    name: string,
    kind: { type: 'string', enum: ['person', 'organization'] },
    url: absoluteUrl,
  },
  ['id', 'slug', 'name', 'kind', 'url'],
)

const tagRef = object({ id: integer, slug: string, name: string, url: absoluteUrl }, [
  'id',
  'slug',
  'name',
  'url',
])

const image = {
  ...object(
    {
      url: absoluteUrl,
      width: { type: ['integer', 'null'] },
      height: { type: ['integer', 'null'] },
      alt: string,
      caption: string,
      credit: string,
    },
    ['url', 'width', 'height', 'alt', 'caption', 'credit'],
  ),
  type: ['object', 'null'],
} as const

/** Every property is optional because `fields=` may leave it out; `id` is always there. */
export const articleSchema = object(
  {
    id: integer,
    slug: string,
    language: string,
    status: { type: 'string', enum: [...ARTICLE_STATUSES] },
    url: absoluteUrl,
    path: string,
    headline: string,
    dek: string,
    excerpt: string,
    dateline: string,
    published_at: nullableDateTime,
    updated_at: dateTime,
    section: sectionRef,
    authors: { type: 'array', items: authorRef },
    tags: { type: 'array', items: tagRef },
    image,
    image_caption: string,
    image_credit: string,
    correction_note: string,
    word_count: integer,
    translations: {
      type: 'array',
      description: 'The published versions of this story in other languages',
      items: object({ id: integer, language: string, headline: string, url: absoluteUrl }, [
        'id',
        'language',
        'headline',
        'url',
      ]),
    },
    body_html: { type: 'string', description: 'Sanitized HTML; only with include=body' },
  },
  ['id'],
)

const nullableUrl = { type: ['string', 'null'], format: 'uri' } as const

const listMeta = object({ total: integer, page: integer, per_page: integer, pages: integer }, [
  'total',
  'page',
  'per_page',
  'pages',
])
const listLinks = object(
  { self: absoluteUrl, first: absoluteUrl, last: absoluteUrl, prev: nullableUrl, next: nullableUrl },
  ['self', 'first', 'last', 'prev', 'next'],
)

export const errorSchema = object({ error: object({ code: string, message: string }, ['code', 'message']) }, [
  'error',
])

const slugParam = { type: 'string', minLength: 1, maxLength: 200 } as const
const dateParam = {
  type: 'string',
  // A calendar day (start of that day, UTC) or a full ISO 8601 time with its offset.
  pattern: '^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:\\d{2}))?$',
} as const
const pageParams = {
  page: { type: 'integer', minimum: 1, maximum: 10_000, default: 1 },
  per_page: { type: 'integer', minimum: 1, maximum: MAX_PER_PAGE, default: DEFAULT_PER_PAGE },
} as const
const languageParam = { type: 'string', enum: ['en', 'fa', 'ps'] } as const

export const articleListQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    section: { ...slugParam, description: 'Section slug (its subsections included)' },
    tag: { ...slugParam, description: 'Tag slug' },
    author: { ...slugParam, description: 'Byline slug' },
    language: languageParam,
    since: { ...dateParam, description: 'Published at or after (YYYY-MM-DD or ISO 8601 time)' },
    until: { ...dateParam, description: 'Published before (YYYY-MM-DD: before that day ends)' },
    status: {
      type: 'string',
      enum: [...ARTICLE_STATUSES, 'any'],
      default: 'published',
      description: 'Anything but published needs an API key with the drafts:read scope',
    },
    ...pageParams,
    fields: {
      type: 'string',
      pattern: '^[a-z_]+(,[a-z_]+)*$',
      maxLength: 400,
      description: `Comma-separated subset of: ${ARTICLE_FIELDS.join(', ')}`,
    },
    include: { type: 'string', enum: ['body'], description: 'body: add the sanitized body_html' },
  },
} as const

export const articleOneQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    language: { ...languageParam, description: 'For a slug: the story’s language (default: the site’s)' },
    fields: articleListQuery.properties.fields,
    include: articleListQuery.properties.include,
  },
} as const

export const articleParams = object(
  { idOrSlug: { type: 'string', minLength: 1, maxLength: 200, description: 'Numeric id or slug' } },
  ['idOrSlug'],
)

export const searchQuery = {
  type: 'object',
  additionalProperties: false,
  required: ['q'],
  properties: {
    q: { type: 'string', minLength: 1, maxLength: 200 },
    language: languageParam,
    section: articleListQuery.properties.section,
    author: articleListQuery.properties.author,
    ...pageParams,
  },
} as const

export const articleListResponse = object(
  { data: { type: 'array', items: articleSchema }, meta: listMeta, links: listLinks },
  ['data', 'meta', 'links'],
)
export const articleOneResponse = object({ data: articleSchema }, ['data'])

export const sectionListResponse = object(
  {
    data: {
      type: 'array',
      items: object(
        {
          id: integer,
          slug: string,
          name: string,
          description: string,
          parent_id: { type: ['integer', 'null'] },
          url: absoluteUrl,
          article_count: integer,
        },
        ['id', 'slug', 'name', 'description', 'parent_id', 'url', 'article_count'],
      ),
    },
  },
  ['data'],
)

export const tagListResponse = object(
  {
    data: {
      type: 'array',
      items: object({ ...tagRef.properties, article_count: integer }, [
        'id',
        'slug',
        'name',
        'url',
        'article_count',
      ]),
    },
  },
  ['data'],
)

export const authorListResponse = object(
  {
    data: {
      type: 'array',
      items: object(
        {
          ...authorRef.properties,
          job_title: string,
          bio: string,
          avatar: image,
          article_count: integer,
        },
        ['id', 'slug', 'name', 'kind', 'url', 'job_title', 'bio', 'avatar', 'article_count'],
      ),
    },
  },
  ['data'],
)

export const searchResponse = object(
  {
    data: {
      type: 'array',
      items: object(
        {
          id: integer,
          headline: string,
          headline_html: { type: 'string', description: 'Escaped HTML with <mark> around matches' },
          snippet_html: { type: 'string', description: 'Escaped HTML with <mark> around matches' },
          url: absoluteUrl,
          language: string,
          published_at: nullableDateTime,
          updated_at: dateTime,
          section: sectionRef,
          authors: { type: 'array', items: authorRef },
        },
        [
          'id',
          'headline',
          'headline_html',
          'snippet_html',
          'url',
          'language',
          'published_at',
          'updated_at',
          'section',
          'authors',
        ],
      ),
    },
    meta: listMeta,
    links: listLinks,
  },
  ['data', 'meta', 'links'],
)

/** The OpenAPI document is itself an API resource; its schema says only that much. */
export const openApiResponse = {
  type: 'object',
  additionalProperties: true,
  required: ['openapi', 'info', 'paths'],
  properties: { openapi: string, info: { type: 'object', additionalProperties: true } },
} as const
