// Benchmark of the editor's grid on a statement of 5,000 clauses, against
// a baseline measured in the same run: Chromium showing the same clauses
// as a static page of plain rows (no application). Prints medians of
// several rounds and their ratios to the baseline.
//
//   go build -o /tmp/zhen ./cmd/zhen && cd frontend && ZHEN_BIN=/tmp/zhen node bench/grid.mjs
import { start } from '../e2e/harness.mjs';

const CLAUSES = 5000;
const ROUNDS = Number(process.env.ROUNDS || 5);

const lines = ['中华人民共和国和俄罗斯联邦关于全面推进务实合作的联合声明', ''];
for (let i = 1; i <= CLAUSES / 2; i++) lines.push(`第${i}条。双方同意进一步加强上海合作组织框架内的务实合作，共同应对第${i}项挑战。`);

const env = await start();
const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
try {
  const { base, login, passwords, api } = env;
  await api('POST', '/glossary', { zh: '上海合作组织', en: 'Shanghai Cooperation Organisation', variants: ['SCO'], status: 'approved' });
  const token = (await (await fetch(base + '/api/v1/session', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'translator', password: passwords.translator }) })).json()).token;
  const res = await fetch(base + '/api/v1/documents?name=big.txt', { method: 'POST', headers: { Authorization: 'Bearer ' + token, 'Content-Type': 'text/plain' }, body: lines.join('\n') });
  const [doc] = (await res.json()).documents;
  const clauses = [];
  for (let offset = 0; offset < doc.clauses; offset += 500) {
    clauses.push(...(await (await fetch(`${base}/api/v1/documents/${doc.id}/clauses?offset=${offset}&limit=500`, { headers: { Authorization: 'Bearer ' + token } })).json()).clauses);
  }
  const esc = (s) => s.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]);
  const staticPage = '<!doctype html><meta charset=utf-8><body>' + clauses.map((c) =>
    `<div class=row><div>${c.index + 1}</div><div lang=zh-CN>${esc(c.source)}</div><div>${esc(c.target)}</div></div>`).join('') + '</body>';

  const page = await login('translator');
  const m = { baseline: [], open: [], ready: [], scroll: [], filter: [], built: [], nodes: [] };
  for (let r = 0; r < ROUNDS; r++) {
    const plain = await page.context().newPage(); // a fresh page: nothing of the app's left to tear down
    let t0 = performance.now();
    await plain.setContent(staticPage);
    await plain.evaluate(() => new Promise((res) => requestAnimationFrame(() => requestAnimationFrame(res))));
    m.baseline.push(performance.now() - t0);
    await plain.close();

    await page.goto(base + '/');
    await page.locator('table.docs').waitFor();
    t0 = performance.now();
    await page.goto(`${base}/#/documents/${doc.id}`);
    await page.locator('.row textarea.target').first().waitFor();
    m.open.push(performance.now() - t0);
    await page.locator('.row mark.term').first().waitFor(); // glossary hits: the QA of the statement is in
    m.ready.push(performance.now() - t0);
    m.built.push(await page.locator('.grid .row:not(.placeholder)').count());
    m.nodes.push(await page.evaluate(() => document.querySelectorAll('.grid *').length));

    // Scrolling to the end in 20 steps, each waiting for two frames.
    t0 = performance.now();
    await page.evaluate(async () => {
      const h = document.documentElement.scrollHeight;
      for (let i = 1; i <= 20; i++) {
        window.scrollTo(0, (h * i) / 20);
        await new Promise((res) => requestAnimationFrame(() => requestAnimationFrame(res)));
      }
    });
    m.scroll.push(performance.now() - t0);

    t0 = performance.now();
    await page.getByLabel('Text in the Chinese or English').fill('第1234条', { timeout: 120_000 });
    await page.locator('.editor-filters', { hasText: '1 of 5000' }).waitFor({ timeout: 120_000 });
    m.filter.push(performance.now() - t0);
    if (process.env.VERBOSE) console.log(Object.fromEntries(Object.entries(m).map(([k, v]) => [k, Math.round(v.at(-1))])));
  }
  const b = median(m.baseline);
  console.log(`${CLAUSES} clauses, ${ROUNDS} rounds, medians:`);
  console.log(`  baseline: static page of the same rows  ${b.toFixed(0)} ms`);
  for (const k of ['open', 'ready', 'scroll', 'filter']) console.log(`  ${k.padEnd(8)} ${median(m[k]).toFixed(0).padStart(6)} ms  ${(median(m[k]) / b).toFixed(2)}× baseline`);
  console.log(`  rows built after opening: ${median(m.built)}; elements in the grid: ${median(m.nodes)}`);
} finally {
  await env.stop();
}
