// Builds dist/ from src/: one script and one stylesheet, no hashes in names
// so that the committed dist/ only changes when the sources do.
import { build } from 'esbuild';
import { copyFile, mkdir, rm } from 'node:fs/promises';

await rm('dist', { recursive: true, force: true });
await mkdir('dist/assets', { recursive: true });
await build({
  entryPoints: { app: 'src/main.js' },
  bundle: true,
  minify: !process.env.DEBUG,
  format: 'esm',
  target: ['es2022'],
  outdir: 'dist/assets',
  legalComments: 'none',
  logLevel: 'warning',
});
await build({
  entryPoints: { app: 'src/style.css' },
  bundle: true,
  minify: true,
  outdir: 'dist/assets',
  logLevel: 'warning',
});
await copyFile('src/index.html', 'dist/index.html');
await copyFile('src/favicon.svg', 'dist/favicon.svg');
