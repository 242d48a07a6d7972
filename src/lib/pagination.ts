import { BadRequestError } from '../errors.ts'

export const PAGE_SIZE = 20
/** Deeper pages than this are refused: nobody reads them, and a crawler loop should not cost a scan. */
export const MAX_PAGE = 10_000

export interface Page<T> {
  items: T[]
  page: number
  pageCount: number
  total: number
}

/**
 * Reads a page number from a URL segment. A malformed number is a 400; a page that is merely out
 * of range is left to the caller (which answers 404 past the last page).
 */
export function parsePageNumber(value: string | undefined): number {
  if (value === undefined) return 1
  if (!/^\d{1,6}$/.test(value))
    throw new BadRequestError(`"${value.slice(0, 40)}" is not a page number`, 'INVALID_PAGE')
  const page = Number(value)
  if (page < 1 || page > MAX_PAGE) throw new BadRequestError('Page numbers start at 1', 'INVALID_PAGE')
  return page
}

export function pageCount(total: number, pageSize = PAGE_SIZE): number {
  return Math.max(1, Math.ceil(total / pageSize))
}
