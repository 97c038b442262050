import { closeSync, constants, copyFileSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Model } from '../model/types.ts';
import { downloadSpecs, prepareDownload, type PreparedDownload, type UpdateDates } from './downloads.ts';
import { sha, type ContentFingerprints } from './fingerprint.ts';

/** Where built download files are kept between builds, by content hash. */
export const DEFAULT_DOWNLOADS_CACHE = 'node_modules/.cache/quanze-downloads';

export interface DownloadStats {
  /** Each download's name and the cached file that holds it. */
  made: { file: string; path: string }[];
  files: number;
  cached: number;
  built: number;
  ms: number;
}

/**
 * Makes every download into the cache (those not there yet) and says where each is. A file is keyed by the code, the shared content
 * and what it holds (the hashes of exactly its powers, or a derived list's rows), so after one
 * power changes only its department's files, the lists it is in and the site-wide data are made
 * again (XLSX is the slow part of a build:
 * measured 21 s for 242 workbooks at 10,000 powers).
 */
export async function writeDownloads(options: { model: Model; cacheDir: string; code: string; content: ContentFingerprints; updated?: UpdateDates }): Promise<DownloadStats> {
  const started = performance.now();
  const { model, cacheDir, code, content } = options;
  mkdirSync(cacheDir, { recursive: true });
  let cached = 0;
  const made: DownloadStats['made'] = [];
  const usedParts: string[] = [];
  for (const spec of downloadSpecs(model)) {
    const prepared = prepareDownload(model, spec, options.updated);
    const identity = 'data' in prepared.identity ? [prepared.identity.data] : prepared.identity.powers.map((c) => `${c}=${content.powers.get(c)}`);
    const key = sha(code, content.shared, spec.file, ...identity, prepared.stamp ?? '');
    const cachedFile = join(cacheDir, `${key}.${spec.ext}`);
    if (existsSync(cachedFile)) {
      cached++;
    } else {
      if (prepared.parts) {
        const parts = prepared.parts;
        // Keyed by kind, not by file: the same part serves every file made of it.
        const files = parts.parts.map((part) => cachedPart(cacheDir, sha(code, content.shared, 'part', part.kind, ...part.powers.map((c) => `${c}=${content.powers.get(c)}`)), part.make, usedParts));
        joinFiles(cachedFile, parts, files);
      } else {
        writeAtomically(cachedFile, await prepared.make());
      }
    }
    made.push({ file: spec.file, path: cachedFile });
  }
  pruneCache(cacheDir, new Set([...made.map((m) => m.path), ...usedParts]));
  return { made, files: made.length, cached, built: made.length - cached, ms: performance.now() - started };
}

/** The part's cached file, made first if it is not there. */
function cachedPart(cacheDir: string, key: string, make: () => string, used: string[]): string {
  const file = join(cacheDir, `${key}.part`);
  used.push(file);
  if (!existsSync(file)) writeAtomically(file, make());
  return file;
}

/**
 * Joins the parts byte for byte into one file: tens of megabytes at city scale, which decoding
 * into one string and encoding it again would double (measured: 3.3 s of a 10,000-power rebuild).
 */
function joinFiles(target: string, parts: NonNullable<PreparedDownload['parts']>, files: string[]): void {
  const fd = openSync(`${target}.tmp`, 'w');
  try {
    // writeFileSync on a descriptor writes everything, at the current position.
    writeFileSync(fd, parts.head);
    files.forEach((file, i) => {
      if (i > 0) writeFileSync(fd, parts.joiner);
      writeFileSync(fd, readFileSync(file));
    });
    writeFileSync(fd, parts.tail);
  } finally {
    closeSync(fd);
  }
  renameSync(`${target}.tmp`, target);
}

/** The cache is kept under this size: files a build did not use go first, oldest first. */
export const DOWNLOADS_CACHE_LIMIT = 1024 * 1024 * 1024;

/**
 * Marks the files this build used as recent and, above the size limit, deletes the least
 * recently used others (each changed site-wide file leaves tens of megabytes behind at city scale).
 */
export function pruneCache(cacheDir: string, used: Set<string>, limit = DOWNLOADS_CACHE_LIMIT): void {
  const now = new Date();
  for (const file of used) if (existsSync(file)) utimesSync(file, now, now);
  const entries = readdirSync(cacheDir)
    .map((name) => join(cacheDir, name))
    .map((path) => ({ path, stat: statSync(path) }))
    .filter((e) => e.stat.isFile());
  let total = entries.reduce((n, e) => n + e.stat.size, 0);
  for (const e of entries.filter((e) => !used.has(e.path)).sort((a, b) => a.stat.mtimeMs - b.stat.mtimeMs)) {
    if (total <= limit) break;
    rmSync(e.path, { force: true });
    total -= e.stat.size;
  }
}

/** Written under a temporary name first: a build stopped halfway leaves no broken file behind. */
function writeAtomically(file: string, body: Uint8Array | string): void {
  writeFileSync(`${file}.tmp`, body);
  renameSync(`${file}.tmp`, file);
}

/**
 * Copies the files into `<outDir>/downloads/` (a copy-on-write clone where the file system has
 * them). Not hard links: a tool that rewrote a published file in place would change the cache.
 */
export function publishDownloads(made: DownloadStats['made'], outDir: string): void {
  const target = join(outDir, 'downloads');
  mkdirSync(target, { recursive: true });
  for (const { file, path } of made) copyFileSync(path, join(target, file), constants.COPYFILE_FICLONE);
}
