// nginx for the benchmark's static rows: the server block of docs/deploy.md serving Dateline's
// STATIC_DIR files (falling through to a Dateline server), and beside it a plain server handing
// out one file, so the two rows differ only in what nginx does with the request. Own prefix,
// temp folders, pid file and error log under the given folder; nothing of the system's nginx.
import { type ChildProcess, spawn } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const NGINX_PATH = '/usr/sbin/nginx'
const BROTLI_MODULE = '/usr/lib/nginx/modules/ngx_http_brotli_static_module.so'
const DOCS = path.resolve(fileURLToPath(new URL('../docs/deploy.md', import.meta.url)))

export interface BenchNginx {
  staticPort: number
  plainPort: number
  stop(): Promise<void>
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      )
    })
  })
}

export async function startBenchNginx(options: {
  work: string
  staticRoot: string
  plainFile: string
  appPort: number
}): Promise<BenchNginx> {
  const hasBrotli = fs.existsSync(BROTLI_MODULE)
  const docs = fs.readFileSync(DOCS, 'utf8')
  const block = /<!-- nginx-static:begin[^>]*-->\s*```nginx\n([\s\S]*?)```/.exec(docs)?.[1]
  if (!block) throw new Error('docs/deploy.md has no nginx-static block')
  const [staticPort, plainPort] = [await freePort(), await freePort()]
  let server = block
    .replace('server 127.0.0.1:3000;', `server 127.0.0.1:${options.appPort};`)
    .replace('listen 80;', `listen 127.0.0.1:${staticPort};`)
    .replace('root /var/lib/dateline/static;', `root ${options.staticRoot};`)
  if (!hasBrotli) server = server.replace(/^\s*brotli_static on;.*$/m, '')
  const temp = path.join(options.work, 'nginx-temp')
  fs.mkdirSync(temp, { recursive: true, mode: 0o777 })
  for (const dir of [options.work, options.staticRoot, path.dirname(options.plainFile)])
    fs.chmodSync(dir, 0o755)
  const conf = path.join(options.work, 'nginx.conf')
  const errorLog = path.join(options.work, 'nginx-error.log')
  fs.writeFileSync(
    conf,
    [
      hasBrotli ? `load_module ${BROTLI_MODULE};` : '',
      'worker_processes 1;',
      `pid ${path.join(options.work, 'nginx.pid')};`,
      `error_log ${errorLog} warn;`,
      'events { worker_connections 1024; }',
      'http {',
      '  include /etc/nginx/mime.types;',
      '  access_log off;',
      '  keepalive_requests 100000;',
      ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(
        (kind) => `  ${kind}_temp_path ${temp}/${kind};`,
      ),
      server,
      // The plain row: the same bytes from a file, with nothing but try_files.
      `  server { listen 127.0.0.1:${plainPort}; root ${path.dirname(options.plainFile)}; charset utf-8;`,
      `    location / { default_type text/html; try_files /${path.basename(options.plainFile)} =404; } }`,
      '}',
    ].join('\n'),
  )
  const child: ChildProcess = spawn(
    NGINX_PATH,
    ['-p', options.work, '-c', conf, '-e', errorLog, '-g', 'daemon off;'],
    {
      stdio: 'ignore',
    },
  )
  for (let tries = 0; ; tries++) {
    const isUp = await new Promise<boolean>((resolve) => {
      const socket = net.connect(staticPort, '127.0.0.1', () => {
        socket.end()
        resolve(true)
      })
      socket.on('error', () => resolve(false))
    })
    if (isUp) break
    if (tries > 100 || child.exitCode !== null)
      throw new Error(
        `nginx did not start: ${fs.existsSync(errorLog) ? fs.readFileSync(errorLog, 'utf8') : ''}`,
      )
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  return {
    staticPort,
    plainPort,
    stop: async () => {
      if (child.exitCode !== null) return
      const exited = new Promise((resolve) => child.once('exit', resolve))
      child.kill('SIGQUIT')
      await exited
    },
  }
}
