// After `vite build` (the client) and `vite build --ssr` (the server entry, into dist-server/):
// renders the app shell into dist/index.html, which the client then hydrates.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';

const { render } = await import('./dist-server/entry-server.js');
const page = readFileSync('dist/index.html', 'utf8');
if (!page.includes('<!--app-->')) throw new Error('dist/index.html has no <!--app--> placeholder');
writeFileSync('dist/index.html', page.replace('<!--app-->', render()));
rmSync('dist-server', { recursive: true, force: true });
