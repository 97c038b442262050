import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { Model } from '../model/types.ts';

/**
 * Content hashes that decide what a build can reuse: the site's code, the shared content (stage
 * table, flows, departments, laws, site settings) and each power's file. Hashes are of bytes, not
 * of times, so a fresh clone or a CI cache gives the same answer.
 */
export function sha(...parts: (string | Uint8Array)[]): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(p).update('\0');
  return h.digest('hex').slice(0, 32);
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  if (statSync(dir).isFile()) return [dir];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

function hashTree(root: string, paths: string[]): string {
  const h = createHash('sha256');
  for (const path of paths) h.update(relative(root, path)).update('\0').update(readFileSync(path)).update('\0');
  return h.digest('hex').slice(0, 32);
}

/** The code and settings every page depends on (pages, generators, styles, dependencies). */
export function codeFingerprint(root: string): string {
  const entries = ['src', 'public', 'astro.config.mjs', 'package-lock.json', 'tsconfig.json'];
  return hashTree(root, entries.flatMap((e) => filesUnder(join(root, e))));
}

export interface ContentFingerprints {
  /** Everything in the content folder but the power files. */
  shared: string;
  /** Each power's file, by code. */
  powers: Map<string, string>;
}

/** Power files are named relative to the working directory, as in the model's findings. */
export function contentFingerprints(contentDir: string, model: Model): ContentFingerprints {
  const powersDir = join(contentDir, 'powers') + '/';
  const shared = hashTree(contentDir, filesUnder(contentDir).filter((f) => !f.startsWith(powersDir)));
  const powers = new Map(model.powers.map((p) => [p.code, sha(readFileSync(resolve(p.file)))]));
  return { shared, powers };
}
