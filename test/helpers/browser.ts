// Debian's chromium through playwright-core, started as every browser test here starts it. Tests
// skip themselves where it is not installed (`apt-get install -y chromium`, which .ci/run does).
import { existsSync } from 'node:fs'
import { type Browser, chromium } from 'playwright-core'

export const CHROMIUM_PATH = '/usr/bin/chromium'
export const hasChromium = existsSync(CHROMIUM_PATH)

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  })
}
