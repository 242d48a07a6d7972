// Reading ids from admin URLs (/admin/sections/12): anything but a plain positive integer is the
// admin's 404, without a query.
import type { FastifyRequest } from 'fastify'
import { NotFoundError } from '../errors.ts'

export function idParam(request: FastifyRequest, name = 'id'): number {
  const value = (request.params as Record<string, string | undefined>)[name] ?? ''
  const id = Number(value)
  if (!/^\d{1,12}$/.test(value) || !Number.isSafeInteger(id) || id <= 0) throw new NotFoundError()
  return id
}

export function queryParam(request: FastifyRequest, name: string): string {
  const value = (request.query as Record<string, unknown> | undefined)?.[name]
  return typeof value === 'string' ? value : ''
}
