import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../../../../harness/providers/free-port.js';

/** Debian's nginx binary (or LOADRIG_TEST_NGINX's), or undefined when it is not installed. */
export function nginxBinary(): string | undefined {
  const chosen = process.env['LOADRIG_TEST_NGINX'];
  const candidates = chosen ? [chosen] : ['/usr/sbin/nginx', '/usr/local/sbin/nginx', 'nginx'];
  for (const path of candidates) {
    if (spawnSync(path, ['-v'], { stdio: 'ignore' }).status === 0) return path;
  }
  return undefined;
}

/** Text of `bytes` bytes, the same on every run: bodies compared as text lose nothing. */
export function fixedText(bytes: number, seed = 1): string {
  let x = seed;
  const out: string[] = [];
  for (let i = 0; i < bytes; i++) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    out.push(i % 80 === 79 ? '\n' : String.fromCharCode(32 + (x % 95)));
  }
  return out.join('');
}

export interface NginxOrigin extends AsyncDisposable {
  url: string;
  /** The configuration nginx runs with, for a failure message. */
  config: string;
}

/**
 * nginx on 127.0.0.1 with a configuration and document root in a temporary directory, run in
 * the foreground as a child process (no systemd, no daemon), removed when disposed.
 */
export async function startNginx(binary: string): Promise<NginxOrigin> {
  const dir = mkdtempSync(join(tmpdir(), 'loadrig-nginx-'));
  chmodSync(dir, 0o755); // nginx's workers run as another user and read the document root
  const www = join(dir, 'www');
  for (const sub of ['', 'gzip', 'ka', 'close', 'sub']) mkdirSync(join(www, sub), { mode: 0o755 });
  const files: Record<string, string> = {
    'small.txt': 'hello from nginx\n',
    'empty.txt': '',
    'large.txt': fixedText(3 * 1024 * 1024, 7),
    'gzip/page.txt': fixedText(40_000, 3),
    'gzip/large.txt': fixedText(2 * 1024 * 1024, 5),
    'gzip/tiny.txt': 'tiny',
    'ka/small.txt': 'kept alive\n',
    'close/small.txt': 'closed after\n',
    'sub/page.html': '<p>hello world, hello world</p>\n'.repeat(200),
  };
  for (const [name, text] of Object.entries(files)) {
    writeFileSync(join(www, name), text, { mode: 0o644 });
  }
  const port = await freePort();
  const temp = join(dir, 'tmp');
  mkdirSync(temp);
  chmodSync(temp, 0o777);
  const config = `
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 128; }
http {
  access_log off;
  client_body_temp_path ${temp}/body;
  proxy_temp_path ${temp}/proxy;
  fastcgi_temp_path ${temp}/fastcgi;
  uwsgi_temp_path ${temp}/uwsgi;
  scgi_temp_path ${temp}/scgi;
  types { text/plain txt; text/html html; application/json json; }
  default_type application/octet-stream;
  if_modified_since before;
  server {
    listen 127.0.0.1:${port};
    root ${www};
    location /gzip/ { gzip on; gzip_types text/plain; gzip_min_length 1; gzip_comp_level 5; }
    location /ka/ { keepalive_requests 2; add_header X-Conn-Requests $connection_requests; }
    location /close/ { keepalive_timeout 0; }
    location /sub/ { sub_filter 'world' 'nginx'; sub_filter_once off; }
    location = /redirect { return 301 /small.txt; }
    location = /no-content { return 204; }
    location = /json { default_type application/json; return 200 '{"ok":true,"from":"nginx"}'; }
    location = /headers {
      add_header Set-Cookie "a=1; Path=/";
      add_header Set-Cookie "b=2; Path=/";
      add_header X-Big "${'x'.repeat(4000)}";
      add_header X-Big-Too "${'y'.repeat(4000)}";
      return 200 "headers\\n";
    }
  }
}
`;
  writeFileSync(join(dir, 'nginx.conf'), config);
  const child: ChildProcess = spawn(
    binary,
    ['-p', dir, '-e', join(dir, 'error.log'), '-c', join(dir, 'nginx.conf'), '-g', 'daemon off;'],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGQUIT'); // graceful: workers finish, the master removes its pid file
      await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    rmSync(dir, { recursive: true, force: true });
  };
  for (let i = 0; i < 100; i++) {
    if (await listening(port)) {
      return { url: `http://127.0.0.1:${port}`, config, [Symbol.asyncDispose]: stop };
    }
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  await stop();
  throw new Error(`nginx did not start on 127.0.0.1:${port}: ${stderr}`);
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ host: '127.0.0.1', port });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}
