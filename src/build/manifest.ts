import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { sha } from './fingerprint.ts';

/**
 * What the last build produced and from what: the next build compares it with the content to
 * decide what to rebuild. Kept outside the output so it is never published.
 */
export interface BuildManifest {
  version: number;
  outDir: string;
  contentDir: string;
  /** Fingerprints of the code and of the shared content (all but the power files). */
  code: string;
  shared: string;
  /** Each power's page fingerprint, by code, and each department's, by id. */
  pages: Record<string, string>;
  departments: Record<string, string>;
  /** Each power's flowchart (content hash), by code. */
  charts: Record<string, string>;
  /** Search index shards. */
  shards: number;
  /** Output files that are not a power's or department's own pages, flowcharts or search index. */
  aggregates: string[];
}

export const MANIFEST_VERSION = 4;
/** One manifest per output folder, so per-jurisdiction builds each keep their own. */
export function manifestPathFor(outDir: string): string {
  return `node_modules/.cache/quanze-build/${sha(outDir)}.json`;
}

export function readManifest(file: string): BuildManifest | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as BuildManifest;
    return manifest.version === MANIFEST_VERSION ? manifest : undefined;
  } catch {
    return undefined;
  }
}

export function writeManifest(file: string, manifest: BuildManifest): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(manifest));
}

/** Removed before a build starts: a build stopped halfway must not be taken as a base. */
export function dropManifest(file: string): void {
  rmSync(file, { force: true });
}
