#!/usr/bin/env node
// The quanze command. It runs the TypeScript sources directly, which needs Node >= 22.18:
// `npx quanze` and `npm run` put the project's pinned Node 24 first on PATH.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  console.error(`quanze 需要 Node 22.18 或更高版本（当前 ${process.version}）：请通过 npx quanze 或 npm run quanze 运行。`);
  process.exit(2);
}
const { main } = await import('../src/cli/index.ts');
process.exitCode = await main(process.argv.slice(2));
