import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkContentAt } from '../../src/model/check.ts';
import { formatFinding } from '../../src/model/findings.ts';

export const BASE_FIXTURE = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/base');

/** What a case puts at a path: text or bytes, nothing (delete), a symbolic link, or a named pipe. */
export type FixtureEntry = string | Buffer | null | { symlink: string } | { fifo: true };

/** Applies entries to a copy of the fixture in `dir` (paths relative to it). */
export function applyEntries(dir: string, files: Record<string, FixtureEntry>) {
  for (const [path, entry] of Object.entries(files)) {
    const target = join(dir, path);
    if (entry === null) {
      rmSync(target, { force: true, recursive: true });
      continue;
    }
    mkdirSync(dirname(target), { recursive: true });
    if (typeof entry === 'string' || Buffer.isBuffer(entry)) writeFileSync(target, entry);
    else if ('symlink' in entry) {
      rmSync(target, { force: true, recursive: true });
      symlinkSync(entry.symlink, target);
    }
    else execFileSync('mkfifo', [target]);
  }
}

/**
 * Copies the base fixture content to a temporary folder, applies the given files (string = write,
 * null = delete, or a link or pipe), and checks it. Findings name files relative to that folder (content/...).
 */
export function checkFixture(files: Record<string, FixtureEntry> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'quanze-'));
  try {
    cpSync(BASE_FIXTURE, dir, { recursive: true });
    applyEntries(dir, files);
    const result = checkContentAt(join(dir, 'content'), { relativeTo: dir });
    return { ...result, lines: result.findings.map(formatFinding) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
