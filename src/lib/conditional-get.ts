// HTTP conditional requests by date (RFC 9110 §13.1.3), shared by the documents we send and the
// page cache that answers for them.

/** Whether If-Modified-Since says the client already has this version (HTTP dates have whole seconds). */
export function isNotModifiedSince(ifModifiedSince: unknown, lastModified: string | undefined): boolean {
  if (typeof ifModifiedSince !== 'string' || lastModified === undefined) return false
  const since = Date.parse(ifModifiedSince)
  const modified = Date.parse(lastModified)
  if (Number.isNaN(since) || Number.isNaN(modified)) return false
  return Math.floor(modified / 1000) * 1000 <= since
}
