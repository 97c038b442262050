import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { checkContentAt } from '../src/model/check.ts';
import { generateContent } from './synthetic.ts';
import { median, printTable } from './stats.ts';

/** Validation time (load + validate + resolve) at 1,000 and 10,000 powers; medians of several runs. */
const sizes = (process.argv[2] ?? '1000,10000').split(',').map(Number);
const runs = Number(process.argv[3] ?? 5);
const rows: string[][] = [];
for (const size of sizes) {
  const dir = join(tmpdir(), `quanze-bench-${size}`);
  generateContent(dir, size);
  const times: number[] = [];
  let powers = 0;
  let errors = 0;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const result = checkContentAt(dir);
    times.push(performance.now() - start);
    powers = result.model?.powers.length ?? 0;
    errors = result.findings.filter((f) => f.severity === 'error').length;
  }
  if (errors || powers !== size) throw new Error(`synthetic content did not validate: ${errors} errors, ${powers}/${size} powers`);
  rows.push([String(size), `${(median(times) / 1000).toFixed(2)} s`, times.map((t) => (t / 1000).toFixed(2)).join(' / ')]);
}
printTable(['powers', 'validate (median)', 'runs'], rows);
