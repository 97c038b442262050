import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, relative, resolve } from 'node:path';
import { expect, it } from 'vitest';
import { BASE_FIXTURE } from './helpers/content.ts';

/**
 * The site is one Astro integration with explicit options (src/site/integration.ts); the pages
 * get their data through the virtual module virtual:quanze/site-data. Nothing in src/ hands data
 * over through globals or environment variables: the environment is read at the edge only (the
 * CLI and astro.config.mjs).
 */
const SRC = resolve('src');
const EDGE = /^cli\//;

it('no module in src/ outside the CLI uses globalThis or reads or writes the environment', () => {
  const offending: string[] = [];
  for (const entry of readdirSync(SRC, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !/\.(ts|mjs|astro)$/.test(entry.name)) continue;
    const file = relative(SRC, join(entry.parentPath, entry.name));
    if (EDGE.test(file)) continue;
    const text = readFileSync(join(SRC, file), 'utf8');
    text.split('\n').forEach((line, i) => {
      if (/\bglobalThis\b|\bprocess\.env\b/.test(line)) offending.push(`src/${file}:${i + 1}: ${line.trim()}`);
    });
  }
  expect(offending).toEqual([]);
});

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? ok(address.port) : fail(new Error('no port'))));
    });
  });
}

/** The environment without what vitest adds (its MODE, BASE_URL, DEV… would steer Vite in the child). */
function outsideVitest(): NodeJS.ProcessEnv {
  const vitest = new Set(['TEST', 'VITEST', 'VITEST_MODE', 'VITEST_POOL_ID', 'VITEST_WORKER_ID', 'NODE_ENV', 'MODE', 'BASE_URL', 'DEV', 'PROD', 'SSR']);
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !vitest.has(key)));
}

/**
 * `astro dev` runs the pages in Vite's module runner, not from a bundle: the integration gives
 * them the data there too. The content folder is chosen at the edge (QUANZE_CONTENT), so the
 * pages show the fixture's powers, not the sample site's.
 */
it('astro dev serves the pages and downloads of the content folder it was given', async () => {
  const port = await freePort();
  const child = spawn(process.execPath, [resolve('node_modules/astro/bin/astro.mjs'), 'dev', '--host', '127.0.0.1', '--port', String(port)], {
    env: { ...outsideVitest(), QUANZE_CONTENT: join(BASE_FIXTURE, 'content'), ASTRO_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const base = `http://127.0.0.1:${port}`;
  try {
    await expect.poll(() => output, { timeout: 60_000, interval: 200 }).toMatch(/watching for file changes/);
    // The first requests can come before the server has scanned the routes: ask until it answers.
    let html = '';
    await expect
      .poll(
        async () => {
          const page = await fetch(`${base}/powers/410100-CS-XK-001/`);
          html = await page.text();
          return page.status;
        },
        { timeout: 60_000, interval: 500 },
      )
      .toBe(200);
    expect(html).toContain('测试许可证核发');
    const home = await (await fetch(`${base}/`)).text();
    expect(home).not.toContain('郑州市应急管理局');
    const downloads = await fetch(`${base}/downloads/quanze-lists.json`);
    expect(downloads.status).toBe(200);
    const all = (await downloads.json()) as unknown;
    expect(JSON.stringify(all)).toContain('410100-CS-XK-001');
  } finally {
    child.kill();
  }
}, 120_000);
