// The content API's routes as data: method, path, schemas and documentation. api.plugin.ts
// registers exactly these (with their handlers) and openapi.ts describes exactly these, so the
// document cannot drift from what the server validates and sends.
import {
  articleListQuery,
  articleListResponse,
  articleOneQuery,
  articleOneResponse,
  articleParams,
  authorListResponse,
  errorSchema,
  openApiResponse,
  searchQuery,
  searchResponse,
  sectionListResponse,
  tagListResponse,
} from './api-schemas.ts'

export const API_PREFIX = '/api/v1'

export type ApiOperationId =
  | 'listArticles'
  | 'getArticle'
  | 'listSections'
  | 'listTags'
  | 'listAuthors'
  | 'search'
  | 'openApi'

export interface ApiRouteSchema {
  querystring?: object
  params?: object
  response: Record<number, object>
}

export interface ApiRouteDefinition {
  operationId: ApiOperationId
  /** Fastify's path syntax, below API_PREFIX. */
  url: string
  summary: string
  description: string
  /** Whether an API key changes what the route may return (drafts). */
  isKeyAware: boolean
  schema: ApiRouteSchema
}

const errors = (...statuses: number[]): Record<number, object> =>
  Object.fromEntries(statuses.map((status) => [status, errorSchema]))

export const API_ROUTES: readonly ApiRouteDefinition[] = [
  {
    operationId: 'listArticles',
    url: '/articles',
    summary: 'List stories',
    description:
      'Published stories, newest first, filtered and paginated. With an API key holding drafts:read, `status` may ask for drafts, stories in review, scheduled or unpublished ones (newest change first).',
    isKeyAware: true,
    schema: { querystring: articleListQuery, response: { 200: articleListResponse, ...errors(400, 401) } },
  },
  {
    operationId: 'getArticle',
    url: '/articles/:idOrSlug',
    summary: 'One story by id or slug',
    description:
      'A published story by its numeric id or its slug (with `language` when it is not the site’s). With a drafts:read key, a story in any state.',
    isKeyAware: true,
    schema: {
      params: articleParams,
      querystring: articleOneQuery,
      response: { 200: articleOneResponse, ...errors(400, 401, 404) },
    },
  },
  {
    operationId: 'listSections',
    url: '/sections',
    summary: 'Sections',
    description: 'Every section in navigation order, with its count of published stories.',
    isKeyAware: false,
    schema: { response: { 200: sectionListResponse } },
  },
  {
    operationId: 'listTags',
    url: '/tags',
    summary: 'Tags',
    description: 'Tags that at least one published story carries, with their counts.',
    isKeyAware: false,
    schema: { response: { 200: tagListResponse } },
  },
  {
    operationId: 'listAuthors',
    url: '/authors',
    summary: 'Bylines',
    description:
      'Bylines (people and agencies) of published stories: public profile fields only. The account behind a byline is never part of the API.',
    isKeyAware: false,
    schema: { response: { 200: authorListResponse } },
  },
  {
    operationId: 'search',
    url: '/search',
    summary: 'Full-text search',
    description: 'Ranked search over published stories (headline, dek, body, tags, bylines), as on /search.',
    isKeyAware: false,
    schema: { querystring: searchQuery, response: { 200: searchResponse, ...errors(400) } },
  },
  {
    operationId: 'openApi',
    url: '/openapi.json',
    summary: 'This API’s OpenAPI 3.1 description',
    description: 'Generated from the same schemas the server validates and serializes with.',
    isKeyAware: false,
    schema: { response: { 200: openApiResponse } },
  },
]
