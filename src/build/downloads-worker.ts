import { parentPort, workerData } from 'node:worker_threads';
import { checkContentAt } from '../model/check.ts';
import { codeFingerprint, contentFingerprints } from './fingerprint.ts';
import { writeDownloads } from './write-downloads.ts';

/**
 * Makes the download files on a second thread while Astro renders the pages on the first: Astro
 * renders on one core, and the workbooks would otherwise add their time to the build's.
 */
const { root, contentDir, outDir, cacheDir } = workerData as { root: string; contentDir: string; outDir: string; cacheDir: string };
const result = checkContentAt(contentDir);
if (!result.model) throw new Error('内容校验未通过，未生成下载文件');
const stats = await writeDownloads({ model: result.model, outDir, cacheDir, code: codeFingerprint(root), content: contentFingerprints(contentDir, result.model) });
parentPort?.postMessage(stats);
