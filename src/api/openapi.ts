// Builds the OpenAPI 3.1 document from API_ROUTES: the schemas in it are the very objects the
// routes validate and serialize with, never a copy kept by hand.
import { API_PREFIX, API_ROUTES, type ApiRouteDefinition } from './api-routes.ts'
import { errorSchema } from './api-schemas.ts'

export type OpenApiDocument = Record<string, unknown> & { openapi: string; paths: Record<string, unknown> }

const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  400: 'Invalid parameters (code INVALID_PARAMETER)',
  401: 'A key is needed (API_KEY_REQUIRED) or the key is not valid (API_KEY_INVALID)',
  404: 'No such story (NOT_FOUND)',
}

/** "/articles/:idOrSlug" → "/articles/{idOrSlug}" */
function openApiPath(url: string): string {
  return API_PREFIX + url.replace(/:([A-Za-z0-9_]+)/g, '{$1}')
}

interface ParameterSchema {
  properties?: Record<string, Record<string, unknown>>
  required?: readonly string[]
}

function parameters(schema: object | undefined, where: 'query' | 'path'): object[] {
  const { properties = {}, required = [] } = (schema ?? {}) as ParameterSchema
  return Object.entries(properties).map(([name, property]) => {
    const { description, ...rest } = property
    return {
      name,
      in: where,
      required: where === 'path' || required.includes(name),
      ...(typeof description === 'string' ? { description } : {}),
      schema: rest,
    }
  })
}

function operation(route: ApiRouteDefinition): object {
  const responses: Record<string, object> = {}
  for (const [status, schema] of Object.entries(route.schema.response)) {
    const code = Number(status)
    const isError = schema === errorSchema
    responses[status] = {
      description: STATUS_TEXT[code] ?? 'Response',
      content: { 'application/json': { schema: isError ? { $ref: '#/components/schemas/Error' } : schema } },
    }
  }
  responses['304'] = { description: 'Not modified (If-None-Match matched the ETag)' }
  return {
    operationId: route.operationId,
    summary: route.summary,
    description: route.description,
    parameters: [
      ...parameters(route.schema.params, 'path'),
      ...parameters(route.schema.querystring, 'query'),
    ],
    ...(route.isKeyAware ? { security: [{}, { apiKey: [] }] } : {}),
    responses,
  }
}

export function buildOpenApiDocument(siteUrl: string, siteName: string): OpenApiDocument {
  const paths: Record<string, Record<string, object>> = {}
  for (const route of API_ROUTES) {
    paths[openApiPath(route.url)] = { get: operation(route) }
  }
  return {
    openapi: '3.1.0',
    info: {
      title: `${siteName} content API`,
      version: '1.0.0',
      description:
        'Read-only JSON content API of a Dateline site. Responses carry ETag and Cache-Control; send If-None-Match to revalidate. Drafts need an API key (Authorization: Bearer) with the drafts:read scope, created by an administrator.',
    },
    servers: [{ url: siteUrl }],
    paths,
    components: {
      schemas: { Error: errorSchema },
      securitySchemes: {
        apiKey: { type: 'http', scheme: 'bearer', description: 'An API key created in /admin/api-keys' },
      },
    },
  }
}
