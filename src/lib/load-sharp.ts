// sharp is loaded when the first image is drawn, not when the server starts: importing it loads
// libvips (tens of megabytes of native code, and its own allocator and threads), which a server
// that only serves pages never needs. Node keeps the module once loaded, so later calls are cheap.
import type sharpFunction from 'sharp'

export type SharpFunction = typeof sharpFunction

export async function loadSharp(): Promise<SharpFunction> {
  return (await import('sharp')).default
}
