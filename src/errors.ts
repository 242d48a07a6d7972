// Typed application errors: a stable code for programs, a message for people, an HTTP status,
// and whether the message is safe to show to a reader. The codes are listed in docs/errors.md.

export type ErrorCode =
  | 'NOT_FOUND'
  | 'GONE'
  | 'BAD_REQUEST'
  | 'INVALID_PAGE'
  | 'VALIDATION_FAILED'
  | 'SLUG_TAKEN'
  | 'CONFIG_INVALID'
  | 'INTERNAL'

export class AppError extends Error {
  readonly code: ErrorCode
  readonly status: number
  /** Whether `message` may be shown to whoever made the request. */
  readonly isSafeToShow: boolean

  constructor(code: ErrorCode, message: string, status: number, options?: { cause?: unknown; isSafeToShow?: boolean }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause })
    this.name = 'AppError'
    this.code = code
    this.status = status
    this.isSafeToShow = options?.isSafeToShow ?? status < 500
  }
}

export class NotFoundError extends AppError {
  constructor(message = 'Page not found') {
    super('NOT_FOUND', message, 404)
  }
}

export class BadRequestError extends AppError {
  constructor(message: string, code: ErrorCode = 'BAD_REQUEST') {
    super(code, message, 400)
  }
}

export class ValidationError extends AppError {
  readonly problems: string[]
  constructor(problems: string[]) {
    super('VALIDATION_FAILED', problems.join('; '), 422)
    this.problems = problems
  }
}

export class ConflictError extends AppError {
  constructor(code: ErrorCode, message: string) {
    super(code, message, 409)
  }
}
