import { cpSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkContentAt } from '../../src/model/check.ts';
import { formatFinding } from '../../src/model/findings.ts';

export const BASE_FIXTURE = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/base');

/**
 * Copies the base fixture content to a temporary folder, applies the given files (string = write,
 * null = delete), and checks it. Findings name files relative to that folder (content/...).
 */
export function checkFixture(files: Record<string, string | Buffer | null> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'quanze-'));
  try {
    cpSync(BASE_FIXTURE, dir, { recursive: true });
    for (const [path, text] of Object.entries(files)) {
      const target = join(dir, path);
      if (text === null) rmSync(target, { force: true, recursive: true });
      else {
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, text);
      }
    }
    const result = checkContentAt(join(dir, 'content'), { relativeTo: dir });
    return { ...result, lines: result.findings.map(formatFinding) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
