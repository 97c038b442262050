import { copyFileSync, existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Model } from '../model/types.ts';
import { buildDownload, downloadPowers, downloadSpecs } from './downloads.ts';
import { sha, type ContentFingerprints } from './fingerprint.ts';

/** Where built download files are kept between builds, by content hash. */
export const DEFAULT_DOWNLOADS_CACHE = 'node_modules/.cache/quanze-downloads';

export interface DownloadStats {
  files: number;
  cached: number;
  built: number;
  ms: number;
}

/**
 * Writes every download into `<outDir>/downloads/`. A file is keyed by the code, the shared content
 * and the hashes of exactly the powers it is made from, so after one power changes only its
 * department's files and the site-wide ones are made again (XLSX is the slow part of a build:
 * measured 21 s for 242 workbooks at 10,000 powers).
 */
export async function writeDownloads(options: { model: Model; outDir: string; cacheDir: string; code: string; content: ContentFingerprints }): Promise<DownloadStats> {
  const started = performance.now();
  const { model, outDir, cacheDir, code, content } = options;
  const target = join(outDir, 'downloads');
  mkdirSync(target, { recursive: true });
  mkdirSync(cacheDir, { recursive: true });
  let cached = 0;
  const specs = downloadSpecs(model);
  for (const spec of specs) {
    const powers = downloadPowers(model, spec).map((p) => `${p.code}=${content.powers.get(p.code)}`);
    const key = sha(code, content.shared, spec.file, ...powers);
    const cachedFile = join(cacheDir, `${key}.${spec.ext}`);
    if (existsSync(cachedFile)) {
      cached++;
    } else {
      // Written under a temporary name first: a build stopped halfway leaves no broken file behind.
      writeFileSync(`${cachedFile}.tmp`, await buildDownload(model, spec));
      renameSync(`${cachedFile}.tmp`, cachedFile);
    }
    copyFileSync(cachedFile, join(target, spec.file));
  }
  return { files: specs.length, cached, built: specs.length - cached, ms: performance.now() - started };
}
