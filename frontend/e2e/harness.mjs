// Shared set-up for the end-to-end tests: the real zhen binary serving the
// demo corpus on a fresh SQLite file, and Debian's Chromium.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createServer } from 'node:net';
import { chromium } from 'playwright-core';

export const repo = resolve(import.meta.dirname, '..', '..');
export const shots = join(repo, '.e2e');

function freePort() {
  return new Promise((res) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

export async function start() {
  mkdirSync(shots, { recursive: true });
  const work = mkdtempSync(join(tmpdir(), 'zhen-e2e-'));
  let bin = process.env.ZHEN_BIN;
  if (!bin) {
    bin = join(work, 'zhen');
    execFileSync('go', ['build', '-o', bin, './cmd/zhen'], { cwd: repo, stdio: 'inherit' });
  }
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = spawn(bin, ['serve', '--demo', '--db', join(work, 'e2e.db'), '--addr', `127.0.0.1:${port}`], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((res, rej) => {
    let out = '';
    server.stdout.on('data', (d) => {
      out += d;
      if (out.includes('serving')) res();
    });
    server.on('exit', (code) => rej(new Error(`zhen exited with ${code}: ${out}`)));
  });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  async function api(method, path, body) {
    const res = await fetch(base + '/api/v1' + path, {
      method,
      headers: body ? { 'Content-Type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: res.status, body: res.status === 204 ? null : await res.json() };
  }
  async function stop() {
    await browser.close();
    server.kill('SIGTERM');
  }
  return { base, work, browser, api, stop };
}

// watchErrors collects page errors and console errors (except the browser's
// own log lines for expected 4xx answers).
export function watchErrors(page, allowedStatus = []) {
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    if (allowedStatus.some((s) => m.text().includes(`status of ${s}`))) return;
    errors.push(m.text());
  });
  return errors;
}
