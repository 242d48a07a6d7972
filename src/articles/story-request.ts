// Reading a story admin request's parameters: one place for the checks every story route shares.
import type { FastifyRequest } from 'fastify'
import { NotFoundError } from '../errors.ts'

export function storyId(request: FastifyRequest): number {
  const { id } = request.params as { id: string }
  if (!/^\d{1,9}$/.test(id)) throw new NotFoundError('There is no story with this number.')
  return Number(id)
}

export function queryOf(request: FastifyRequest): Record<string, string | undefined> {
  return request.query as Record<string, string | undefined>
}
