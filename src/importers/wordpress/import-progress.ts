// The import's progress on the command line: a bar with counts and rate on a terminal, a plain
// line per tenth of each phase otherwise (logs, CI), always on stderr so stdout keeps the report.
import cliProgress from 'cli-progress'
import type { ImportPhase, ImportProgress } from './import-wordpress.ts'

const LABELS: Record<ImportPhase, string> = {
  checking: 'Checking (bytes)',
  media: 'Images',
  stories: 'Stories',
  search: 'Search index',
}

export interface ProgressView {
  update(progress: ImportProgress): void
  stop(): void
}

export function createProgressView(stream: NodeJS.WriteStream): ProgressView {
  if (stream.isTTY) {
    let phase: ImportPhase | undefined
    let bar: cliProgress.SingleBar | undefined
    let started = Date.now()
    return {
      update(progress) {
        if (progress.phase !== phase) {
          bar?.stop()
          phase = progress.phase
          bar = new cliProgress.SingleBar(
            {
              stream,
              format: `${LABELS[progress.phase].padEnd(18)} {bar} {value}/{total} | {rate}/s | {eta_formatted} left`,
              hideCursor: true,
            },
            cliProgress.Presets.shades_classic,
          )
          bar.start(progress.total, progress.done, { rate: 0 })
          started = Date.now()
        }
        const seconds = (Date.now() - started) / 1000
        bar?.setTotal(progress.total)
        bar?.update(progress.done, { rate: seconds > 0 ? Math.round(progress.done / seconds) : 0 })
      },
      stop: () => bar?.stop(),
    }
  }
  let phase: ImportPhase | undefined
  let lastTenth = -1
  let started = Date.now()
  return {
    update(progress) {
      if (progress.phase !== phase) {
        phase = progress.phase
        lastTenth = -1
        started = Date.now()
      }
      if (progress.phase === 'checking') {
        if (lastTenth === -1) stream.write('Checking the file…\n')
        lastTenth = 0
        return
      }
      const tenth = progress.total === 0 ? 10 : Math.floor((progress.done / progress.total) * 10)
      if (tenth <= lastTenth) return
      lastTenth = tenth
      const seconds = (Date.now() - started) / 1000
      const rate = seconds > 0 ? Math.round(progress.done / seconds) : 0
      stream.write(`${LABELS[progress.phase]}: ${progress.done}/${progress.total} (${rate}/s)\n`)
    },
    stop() {},
  }
}
