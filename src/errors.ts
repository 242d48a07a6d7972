// Typed application errors: a stable code for programs, a message for people, an HTTP status,
// and whether the message is safe to show to a reader. The codes are listed in docs/errors.md.

export type ErrorCode =
  | 'NOT_FOUND'
  | 'GONE'
  | 'BAD_REQUEST'
  | 'INVALID_PAGE'
  | 'SEARCH_QUERY_TOO_LONG'
  | 'VALIDATION_FAILED'
  | 'SLUG_TAKEN'
  | 'CONFIG_INVALID'
  | 'INTERNAL'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'ROUTE_ACCESS_UNDECLARED'
  | 'CSRF_INVALID'
  | 'RESET_LINK_INVALID'
  | 'USER_NOT_FOUND'
  | 'EMAIL_TAKEN'
  | 'STORY_CONFLICT'
  | 'STORY_STATE'
  | 'STALE_FORM'
  | 'SECTION_IN_USE'
  | 'TAG_NOT_FOUND'
  | 'AUTHOR_NOT_FOUND'
  | 'SECTION_NOT_FOUND'
  | 'LAST_ADMIN'
  | 'INVITE_LINK_INVALID'
  | 'MEDIA_TOO_LARGE'
  | 'MEDIA_TYPE_UNSUPPORTED'
  | 'MEDIA_DAMAGED'
  | 'MEDIA_TOO_MANY_PIXELS'
  | 'MEDIA_FILE_MISSING'
  | 'MEDIA_ALT_MISSING'
  | 'MEDIA_IN_USE'
  | 'INVALID_PARAMETER'
  | 'API_KEY_REQUIRED'
  | 'API_KEY_INVALID'
  | 'API_KEY_NOT_FOUND'
  | 'WEBHOOK_NOT_FOUND'
  | 'WEBHOOK_URL_REFUSED'
  | 'IMPORT_XML_INVALID'
  | 'IMPORT_NOT_WXR'
  | 'IMPORT_DOCTYPE_REFUSED'
  | 'IMPORT_ENCODING_INVALID'
  | 'IMPORT_FILE_UNREADABLE'
  | 'IMPORT_JSON_INVALID'
  | 'IMPORT_NOT_DATELINE_EXPORT'

export class AppError extends Error {
  readonly code: ErrorCode
  readonly status: number
  /** Whether `message` may be shown to whoever made the request. */
  readonly isSafeToShow: boolean

  constructor(
    code: ErrorCode,
    message: string,
    status: number,
    options?: { cause?: unknown; isSafeToShow?: boolean },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause })
    this.name = 'AppError'
    this.code = code
    this.status = status
    this.isSafeToShow = options?.isSafeToShow ?? status < 500
  }
}

export class NotFoundError extends AppError {
  constructor(message = 'The page you asked for is not here. It may have moved or been removed.') {
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
  /** The same problems keyed by form field name, so a form can tie each message to its input. */
  readonly fields: Readonly<Record<string, string>>
  constructor(problems: string[], fields: Record<string, string> = {}) {
    super('VALIDATION_FAILED', problems.join('; '), 422)
    this.problems = problems
    this.fields = fields
  }
}

export class ConflictError extends AppError {
  constructor(code: ErrorCode, message: string) {
    super(code, message, 409)
  }
}

/** Not signed in (or the session has ended). */
export class UnauthenticatedError extends AppError {
  constructor(message = 'Please sign in to continue.') {
    super('UNAUTHENTICATED', message, 401)
  }
}

/** Signed in, but this role may not do this. */
export class ForbiddenError extends AppError {
  constructor(message = 'Your role does not allow this.', code: ErrorCode = 'FORBIDDEN') {
    super(code, message, 403)
  }
}

/**
 * Someone else saved the story after this form was opened. Carries the revision now stored, so
 * the page can show both versions instead of overwriting either.
 */
export class StoryConflictError extends AppError {
  readonly storedRevision: number
  constructor(storedRevision: number) {
    super(
      'STORY_CONFLICT',
      'Someone else saved this story while you were editing it. Nothing was overwritten: compare both versions below.',
      409,
    )
    this.storedRevision = storedRevision
  }
}
