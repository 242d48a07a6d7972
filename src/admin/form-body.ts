// Reading fields from a parsed form body (application/x-www-form-urlencoded). A field sent twice
// arrives as an array; the first value is taken, so a crafted body cannot smuggle a second one in.
export type FormBody = Record<string, unknown>

export function asFormBody(body: unknown): FormBody {
  return typeof body === 'object' && body !== null ? (body as FormBody) : {}
}

export function formField(body: FormBody, name: string): string {
  const value = body[name]
  const first = Array.isArray(value) ? value[0] : value
  return typeof first === 'string' ? first : ''
}
