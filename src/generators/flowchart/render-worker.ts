import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { chartHash, renderSvg } from './render-svg.ts';

/** Renders its share of the charts into the cache folder (one worker per core). */
const { sources, cacheDir } = workerData as { sources: string[]; cacheDir: string };
for (const source of sources) writeFileSync(join(cacheDir, `${chartHash(source)}.svg`), renderSvg(source));
parentPort?.postMessage(sources.length);
