// The old site's uploads folder for the WordPress fixtures, made by sharp in a temporary folder:
// small images (one with EXIF that must never reach the media library) at the paths the fixtures'
// attachments name.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import sharp from 'sharp'

export const FIXTURES = path.resolve(import.meta.dirname, '..', 'fixtures', 'wxr')

export function fixture(name: string): string {
  return path.join(FIXTURES, name)
}

export async function makeUploads(): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-uploads-'))
  const write = async (relative: string, image: sharp.Sharp) => {
    const target = path.join(dir, relative)
    fs.mkdirSync(path.dirname(target), { recursive: true })
    await image.toFile(target)
  }
  const create = (width: number, height: number, background: string) =>
    sharp({ create: { width, height, channels: 3, background } })
  await write(
    '2026/11/well.jpg',
    create(800, 533, '#2878c8')
      .jpeg()
      .withExif({ IFD0: { Copyright: 'SECRET-CAMERA-OWNER', Make: 'SecretCam' } }),
  )
  await write('2026/11/market.png', create(600, 400, '#c87814').png())
  await write('2026/10/bazaar.jpg', create(640, 480, '#6a8f3c').jpeg())
  return dir
}
