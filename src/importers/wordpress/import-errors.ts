// Errors of the WordPress importer. The message names the file's line (and column) whenever the
// problem is in the file, so a newsroom can open it and see what is wrong.
import { AppError, type ErrorCode } from '../../errors.ts'

export class ImportFileError extends AppError {
  readonly line: number | undefined
  readonly column: number | undefined
  constructor(
    code: ErrorCode,
    message: string,
    position?: { line: number; column: number },
    cause?: unknown,
  ) {
    const where = position ? ` (line ${position.line}, column ${position.column})` : ''
    super(code, `${message}${where}`, 422, { cause, isSafeToShow: true })
    this.line = position?.line
    this.column = position?.column
  }
}
