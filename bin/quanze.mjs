#!/usr/bin/env node
// The quanze command. It runs the TypeScript sources directly, which needs Node >= 22.18:
// `npx quanze` and `npm run` put the project's pinned Node 24 first on PATH.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  console.error(`quanze 需要 Node 22.18 或更高版本（当前 ${process.version}）：请通过 npx quanze 或 npm run quanze 运行。`);
  process.exit(2);
}
// A site build allocates a great deal of short-lived memory (Astro renders every page into strings,
// the workbooks are built cell by cell): with V8's default young generation, scavenges took a
// large share of a 10,000-power build's CPU (measured, machine-wide: 248 CPU-s before, 195 after
// 64 MB semi-spaces and a cheaper text-width count together). V8 sizes the heap when a process starts, so the build runs in a child process
// that starts with the larger size; every worker thread shares the setting.
const SEMI_SPACE = '--max-semi-space-size=64';
if (['build', 'index-search'].includes(process.argv[2]) && !process.execArgv.some((a) => a.startsWith('--max-semi-space-size'))) {
  const { spawnSync } = await import('node:child_process');
  const child = spawnSync(process.execPath, [...process.execArgv, SEMI_SPACE, ...process.argv.slice(1)], { stdio: 'inherit' });
  if (child.signal) process.kill(process.pid, child.signal);
  process.exit(child.status ?? 1);
}
const { main } = await import('../src/cli/index.ts');
process.exitCode = await main(process.argv.slice(2));
