// Shared set-up for the end-to-end tests: the real zhen binary serving the
// demo corpus on a fresh SQLite file, and Debian's Chromium.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createServer } from 'node:net';
import assert from 'node:assert/strict';
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

// start serves the demo on a fresh database. The tests build their own
// glossary, so by default the corpus is imported first with `zhen import`
// and serve --demo, finding statements there, adds only its users, not its
// starter glossary; { demoGlossary: true } is the demo exactly as a new
// user gets it.
export async function start({ demoGlossary = false } = {}) {
  mkdirSync(shots, { recursive: true });
  const work = mkdtempSync(join(tmpdir(), 'zhen-e2e-'));
  let bin = process.env.ZHEN_BIN;
  if (!bin) {
    bin = join(work, 'zhen');
    execFileSync('go', ['build', '-o', bin, './cmd/zhen'], { cwd: repo, stdio: 'inherit' });
  }
  const db = join(work, 'e2e.db');
  if (!demoGlossary) {
    execFileSync(bin, ['import', '--db', db, join(repo, 'internal', 'demo', 'zh-ru-joint-statements-2011-2015.txt')], { stdio: ['ignore', 'ignore', 'inherit'] });
  }
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  // Warnings and errors only: the access log of a whole test would drown them.
  const server = spawn(bin, ['serve', '--demo', '--db', db, '--addr', `127.0.0.1:${port}`, '--log-level', 'warn'], { stdio: ['ignore', 'pipe', 'inherit'] });
  // serve --demo prints a password per demo user before "serving".
  const passwords = {};
  await new Promise((res, rej) => {
    let out = '';
    server.stdout.on('data', (d) => {
      out += d;
      if (!out.includes('serving')) return;
      for (const m of out.matchAll(/Demo user (\S+) \(\w+\), password: (\S+)/g)) passwords[m[1]] = m[2];
      res();
    });
    server.on('exit', (code) => rej(new Error(`zhen exited with ${code}: ${out}`)));
  });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  // api calls the API as a script would: with a bearer token, as the
  // reviewer unless told otherwise.
  const tokens = {};
  async function api(method, path, body, user = 'reviewer') {
    if (!tokens[user]) {
      const res = await fetch(base + '/api/v1/session', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: user, password: passwords[user] }) });
      tokens[user] = (await res.json()).token;
    }
    const headers = { Authorization: 'Bearer ' + tokens[user] };
    if (body) headers['Content-Type'] = 'application/json';
    const res = await fetch(base + '/api/v1' + path, { method, headers, body: body ? JSON.stringify(body) : undefined });
    return { status: res.status, body: res.status === 204 ? null : await res.json() };
  }
  // login opens a page in a browser context of its own (its own cookies)
  // and logs in through the form.
  async function login(user, options = {}) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
    const page = await context.newPage();
    await page.goto(base + '/');
    await page.getByLabel('User name').fill(user);
    await page.getByLabel('Password').fill(passwords[user]);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.locator('#who .who-name', { hasText: user }).waitFor();
    page.once('close', () => context.close().catch(() => {})); // the browser may be gone already
    return page;
  }
  async function stop() {
    await browser.close();
    server.kill('SIGTERM');
  }
  return { base, work, bin, db, browser, api, login, passwords, stop };
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

// ok asserts that an API answer (env.api's) succeeded and returns its body.
export function ok(res, what) {
  assert.ok(res.status >= 200 && res.status < 300, `${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

// findClause returns the clause whose Chinese is exactly source, from
// every statement (api is env.api).
export async function findClause(api, source) {
  for (const d of ok(await api('GET', '/documents'), 'documents').documents) {
    const { clauses } = ok(await api('GET', `/documents/${d.id}/clauses?offset=0&limit=500`), 'clauses');
    const c = clauses.find((x) => x.source === source);
    if (c) return c;
  }
  throw new Error(`no clause ${source}`);
}
