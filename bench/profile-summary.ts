// Summarises a .cpuprofile (from `node --cpu-prof`): self time by function and by package, so that
// docs/performance.md can say where the time goes. Usage: node --import tsx bench/profile-summary.ts FILE
import fs from 'node:fs'

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  children?: number[]
}

interface Profile {
  nodes: ProfileNode[]
  samples: number[]
  timeDeltas: number[]
}

function packageOf(url: string): string {
  if (url === '') return '(native / GC / idle)'
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)
  if (match?.[1]) return match[1]
  if (url.startsWith('node:')) return url
  const src = /\/(src|bench)\/(.+)$/.exec(url)
  return src ? `${src[1]}/${src[2]?.split('/')[0]}` : url
}

const file = process.argv[2]
if (!file) throw new Error('usage: profile-summary.ts FILE.cpuprofile')
const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile
const byId = new Map(profile.nodes.map((n) => [n.id, n]))
const selfTime = new Map<number, number>()
for (const [i, id] of profile.samples.entries()) {
  selfTime.set(id, (selfTime.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0))
}
const total = [...selfTime.values()].reduce((a, b) => a + b, 0)
const byFunction = new Map<string, number>()
const byPackage = new Map<string, number>()
for (const [id, time] of selfTime) {
  const node = byId.get(id)
  if (!node) continue
  const { functionName, url, lineNumber } = node.callFrame
  const name = `${functionName || '(anonymous)'} ${url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/(src|bench)\//, '$1/')}:${lineNumber + 1}`
  byFunction.set(name, (byFunction.get(name) ?? 0) + time)
  const pkg = packageOf(url)
  byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + time)
}
const top = (map: Map<string, number>, n: number) =>
  [...map.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([name, time]) => `${((100 * time) / total).toFixed(1).padStart(5)}%  ${name}`)
    .join('\n')
process.stdout.write(
  `self time by package:\n${top(byPackage, 15)}\n\nself time by function:\n${top(byFunction, 25)}\n`,
)
