// The demo newsroom's pictures, drawn as SVG and rendered to small JPEGs with sharp: abstract
// newspaper-style illustrations (no words in them) and initials avatars. sharp drops all metadata
// unless asked to keep it, which is what we want for anything a newsroom publishes.
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { escapeHtml } from '../lib/escape-html.ts'
import { loadSharp } from '../lib/load-sharp.ts'
import type { DemoImage, DemoPerson, Motif } from './demo-content.ts'
import { mulberry32, type Random } from './demo-random.ts'

export const ILLUSTRATION_WIDTH = 1200
export const ILLUSTRATION_HEIGHT = 675
export const AVATAR_SIZE = 256

export interface RenderedFile {
  /** Below the media folder, with forward slashes, as the media table stores it. */
  path: string
  width: number
  height: number
  bytes: number
}

/** Renders `svg` to `<mediaDir>/demo/<name>.jpg`, replacing any earlier file of that name. */
export async function writeDemoJpeg(mediaDir: string, name: string, svg: string): Promise<RenderedFile> {
  const sharp = await loadSharp()
  const { data, info } = await sharp(Buffer.from(svg))
    .jpeg({ quality: 70, mozjpeg: true })
    .toBuffer({ resolveWithObject: true })
  const relative = `demo/${name}.jpg`
  await mkdir(path.join(mediaDir, 'demo'), { recursive: true })
  await writeFile(path.join(mediaDir, relative), data)
  return { path: relative, width: info.width, height: info.height, bytes: data.length }
}

const W = ILLUSTRATION_WIDTH
const H = ILLUSTRATION_HEIGHT

/** A gentle sine-like band from x=0 to W, filled down to the bottom edge. */
function wave(y: number, amplitude: number, phase: number): string {
  let d = `M0,${y}`
  for (let x = 0, i = phase; x < W; x += 150, i++)
    d += ` Q${x + 75},${y + (i % 2 === 0 ? -amplitude : amplitude)} ${x + 150},${y}`
  return `${d} L${W},${H} L0,${H} Z`
}

function waves([, deep, light]: DemoImage['palette']): string {
  const bands = [0, 1, 2, 3]
    .map(
      (i) =>
        `<path d="${wave(360 + i * 75, 28 - i * 4, i)}" fill="${deep}" fill-opacity="${0.35 + i * 0.2}"/>`,
    )
    .join('')
  return `<circle cx="880" cy="190" r="80" fill="${light}" opacity="0.9"/>${bands}`
}

function fruit([, , accent]: DemoImage['palette'], random: Random): string {
  const shelf = `<rect x="0" y="560" width="${W}" height="115" fill="#6b4a2b"/>`
  let items = ''
  for (let row = 0; row < 3; row++) {
    for (let col = 0; col < 12 - row; col++) {
      const cx = 110 + col * 98 + row * 49
      const cy = 510 - row * 84
      const fill = random() < 0.6 ? accent : '#d9622b'
      items += `<circle cx="${cx}" cy="${cy}" r="46" fill="${fill}"/>`
      items += `<circle cx="${cx - 14}" cy="${cy - 16}" r="12" fill="#ffffff" fill-opacity="0.25"/>`
      items += `<path d="M${cx - 8},${cy - 44} l8,-12 l8,12 Z" fill="#5a1a12"/>`
    }
  }
  return shelf + items
}

function book([, , ink]: DemoImage['palette']): string {
  const lines = (x0: number, x1: number): string =>
    [0, 1, 2, 3, 4, 5]
      .map(
        (i) =>
          `<line x1="${x0}" y1="${290 + i * 34}" x2="${x1}" y2="${298 + i * 34}" stroke="${ink}" stroke-opacity="0.25" stroke-width="6" stroke-linecap="round"/>`,
      )
      .join('')
  return (
    `<ellipse cx="600" cy="560" rx="420" ry="40" fill="#000000" fill-opacity="0.12"/>` +
    `<path d="M600,540 C470,490 330,490 220,520 L220,220 C330,190 470,190 600,250 Z" fill="#fffaf0"/>` +
    `<path d="M600,540 C730,490 870,490 980,520 L980,220 C870,190 730,190 600,250 Z" fill="#fdf4e3"/>` +
    `<line x1="600" y1="250" x2="600" y2="540" stroke="${ink}" stroke-opacity="0.5" stroke-width="4"/>` +
    lines(270, 550) +
    lines(650, 930)
  )
}

function road([, earth, asphalt]: DemoImage['palette']): string {
  return (
    `<circle cx="300" cy="170" r="70" fill="#fff3d6" opacity="0.8"/>` +
    `<path d="M0,380 L220,250 L420,340 L640,200 L900,330 L1200,230 L1200,675 L0,675 Z" fill="${earth}" fill-opacity="0.55"/>` +
    `<path d="M0,470 L300,360 L560,440 L820,350 L1200,450 L1200,675 L0,675 Z" fill="${earth}"/>` +
    `<path d="M640,360 C560,420 760,470 620,530 C480,590 520,640 460,675" fill="none" stroke="${asphalt}" stroke-width="70" stroke-linecap="round"/>` +
    `<path d="M640,360 C560,420 760,470 620,530 C480,590 520,640 460,675" fill="none" stroke="#f2c14e" stroke-width="5" stroke-dasharray="22 18"/>`
  )
}

function snow([, slate, white]: DemoImage['palette'], random: Random): string {
  const peaks = [
    [120, 300, 420],
    [460, 200, 500],
    [820, 260, 460],
  ]
    .map(([x, top, base]) => {
      const left = (x ?? 0) - 260
      const right = (x ?? 0) + 260
      return (
        `<path d="M${left},${(base ?? 0) + 215} L${x},${top} L${right},${(base ?? 0) + 215} Z" fill="${slate}"/>` +
        `<path d="M${(x ?? 0) - 70},${(top ?? 0) + 80} L${x},${top} L${(x ?? 0) + 70},${(top ?? 0) + 80} L${(x ?? 0) + 25},${(top ?? 0) + 65} L${(x ?? 0) - 10},${(top ?? 0) + 92} Z" fill="${white}"/>`
      )
    })
    .join('')
  let flakes = ''
  for (let i = 0; i < 60; i++) {
    const r = 3 + Math.floor(random() * 5)
    flakes += `<circle cx="${Math.floor(random() * W)}" cy="${Math.floor(random() * H)}" r="${r}" fill="${white}" fill-opacity="0.85"/>`
  }
  return `${peaks}<rect x="0" y="600" width="${W}" height="75" fill="${white}"/>${flakes}`
}

// Green, not red: a red cross on white is the protected emblem of the Red Cross movement.
function cross([, halo, green]: DemoImage['palette']): string {
  return (
    `<circle cx="600" cy="338" r="250" fill="${halo}" fill-opacity="0.25"/>` +
    `<circle cx="600" cy="338" r="200" fill="#ffffff"/>` +
    `<rect x="555" y="218" width="90" height="240" rx="10" fill="${green}"/>` +
    `<rect x="480" y="293" width="240" height="90" rx="10" fill="${green}"/>`
  )
}

function cricket([, grass, ball]: DemoImage['palette']): string {
  const stumps = [0, 1, 2]
    .map((i) => `<rect x="${740 + i * 46}" y="210" width="22" height="320" rx="6" fill="#e8d3a9"/>`)
    .join('')
  return (
    `<rect x="0" y="500" width="${W}" height="175" fill="${grass}"/>` +
    `<rect x="0" y="500" width="${W}" height="12" fill="#ffffff" fill-opacity="0.4"/>` +
    stumps +
    `<rect x="734" y="200" width="60" height="12" rx="5" fill="#d9bf8c"/><rect x="786" y="200" width="60" height="12" rx="5" fill="#d9bf8c"/>` +
    `<circle cx="430" cy="420" r="95" fill="${ball}"/>` +
    `<path d="M375,345 C420,390 420,450 375,495" fill="none" stroke="#f7efe0" stroke-width="5" stroke-dasharray="10 8"/>` +
    `<circle cx="400" cy="385" r="22" fill="#ffffff" fill-opacity="0.2"/>`
  )
}

function pattern([, , gold]: DemoImage['palette']): string {
  let diamonds = ''
  for (let y = 0; y <= H + 90; y += 90) {
    for (let x = (y / 90) % 2 === 0 ? 0 : 75; x <= W + 150; x += 150) {
      diamonds += `<path d="M${x},${y - 36} L${x + 36},${y} L${x},${y + 36} L${x - 36},${y} Z" fill="${gold}" fill-opacity="0.55"/>`
    }
  }
  return (
    `<rect x="40" y="40" width="${W - 80}" height="${H - 80}" fill="none" stroke="${gold}" stroke-width="14"/>` +
    diamonds +
    `<path d="M600,170 L770,338 L600,505 L430,338 Z" fill="${gold}"/>` +
    `<path d="M600,230 L710,338 L600,445 L490,338 Z" fill="#7a1f2b"/>`
  )
}

function signal([, sky, glow]: DemoImage['palette'], random: Random): string {
  let stars = ''
  for (let i = 0; i < 40; i++) {
    stars += `<circle cx="${Math.floor(random() * W)}" cy="${Math.floor(random() * 300)}" r="2" fill="#ffffff" fill-opacity="0.7"/>`
  }
  const arcs = [1, 2, 3]
    .map(
      (i) =>
        `<path d="M${600 - i * 80},${260 - i * 30} A${i * 110},${i * 110} 0 0 1 ${600 + i * 80},${260 - i * 30}" fill="none" stroke="${glow}" stroke-width="14" stroke-linecap="round" stroke-opacity="${1.1 - i * 0.25}"/>`,
    )
    .join('')
  return (
    stars +
    `<path d="M0,560 C300,520 900,600 1200,540 L1200,675 L0,675 Z" fill="${sky}"/>` +
    `<path d="M600,260 L545,600 L655,600 Z" fill="none" stroke="#dfe6f2" stroke-width="10"/>` +
    `<path d="M582,370 L618,370 M570,450 L630,450 M558,530 L642,530" stroke="#dfe6f2" stroke-width="8"/>` +
    `<circle cx="600" cy="255" r="16" fill="${glow}"/>` +
    arcs
  )
}

function skyline([, , dark]: DemoImage['palette'], random: Random): string {
  let buildings = ''
  let windows = ''
  for (let x = 0; x < W; ) {
    const width = 60 + Math.floor(random() * 70)
    const height = 90 + Math.floor(random() * 130)
    buildings += `<rect x="${x}" y="${H - height}" width="${width}" height="${height}" fill="${dark}"/>`
    if (random() < 0.2)
      buildings += `<circle cx="${x + width / 2}" cy="${H - height}" r="${width / 3}" fill="${dark}"/>`
    for (let wy = H - height + 24; wy < H - 30; wy += 36) {
      if (random() < 0.35) windows += `<rect x="${x + 14}" y="${wy}" width="12" height="16" fill="#f7c873"/>`
    }
    x += width + 6
  }
  return `<circle cx="760" cy="330" r="140" fill="#fff1c9" fill-opacity="0.8"/>${buildings}${windows}`
}

function motif(kind: Motif, palette: DemoImage['palette'], random: Random): string {
  switch (kind) {
    case 'waves':
      return waves(palette)
    case 'fruit':
      return fruit(palette, random)
    case 'book':
      return book(palette)
    case 'road':
      return road(palette)
    case 'snow':
      return snow(palette, random)
    case 'cross':
      return cross(palette)
    case 'cricket':
      return cricket(palette)
    case 'pattern':
      return pattern(palette)
    case 'signal':
      return signal(palette, random)
    case 'skyline':
      return skyline(palette, random)
  }
}

/** A 16:9 illustration: a vertical gradient, the motif, and a thin rule like a print frame. */
export function illustrationSvg(image: DemoImage, seed: number): string {
  const [top, bottom] = image.palette
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">` +
    `<defs><linearGradient id="bg" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${top}"/><stop offset="1" stop-color="${bottom}"/></linearGradient></defs>` +
    `<rect width="${W}" height="${H}" fill="url(#bg)"/>` +
    motif(image.motif, image.palette, mulberry32(seed)) +
    `<rect x="12" y="12" width="${W - 24}" height="${H - 24}" fill="none" stroke="#ffffff" stroke-opacity="0.35" stroke-width="3"/>` +
    '</svg>'
  )
}

/** A coloured disc with the person's initials (initials only: the one place we draw letters). */
export function avatarSvg(person: DemoPerson): string {
  const s = AVATAR_SIZE
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${s}" height="${s}" viewBox="0 0 ${s} ${s}">` +
    `<rect width="${s}" height="${s}" fill="#f3efe6"/>` +
    `<circle cx="${s / 2}" cy="${s / 2}" r="${s / 2 - 8}" fill="${person.color}"/>` +
    `<text x="${s / 2}" y="${s / 2 + 33}" text-anchor="middle" font-family="DejaVu Sans, Helvetica, Arial, sans-serif" ` +
    `font-size="94" font-weight="bold" fill="#ffffff">${escapeHtml(person.initials)}</text>` +
    '</svg>'
  )
}
