// Starts the real dateline binary with the bundled demo site in a temporary
// data folder on an ephemeral loopback port, for browser tests.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export async function startServer(extraEnv = {}) {
  const binary = process.env.DATELINE_BINARY || join(process.cwd(), 'build', 'dateline');
  const data = mkdtempSync(join(tmpdir(), 'dateline-e2e-'));
  // The test decides every DATELINE_ setting itself.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('DATELINE_')));
  Object.assign(env, { DATELINE_SERVER_ACCESS_LOG: 'off' }, extraEnv);
  const child = spawn(binary, ['serve', '--demo', '--data', data, '--listen', '127.0.0.1:0'], {
    env, stdio: ['ignore', 'pipe', 'inherit'],
  });
  let ownerPassword = null;
  const port = await new Promise((resolve, reject) => {
    let out = '';
    // Seeding paints the demo's pictures: with the fuzz builds compiling on
    // both cores beside it (ctest -j2), that alone has taken over 30 s.
    const timer = setTimeout(() => reject(new Error('dateline did not start in 120 s')), 120000);
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const owner = out.match(/as owner@example\.com with password (\S+)/);
      if (owner) ownerPassword = owner[1];
      const m = out.match(/listening on http:\/\/127\.0\.0\.1:(\d+)\//);
      if (m) { clearTimeout(timer); resolve(Number(m[1])); }
    });
    child.on('exit', (code) => reject(new Error(`dateline exited with ${code}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    data,
    owner: { email: 'owner@example.com', password: ownerPassword },
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      rmSync(data, { recursive: true, force: true });
    },
  };
}

// Debian's chromium, driven by playwright-core; never a downloaded browser.
export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
