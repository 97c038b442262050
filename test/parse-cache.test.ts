import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkContentAt, type CheckResult } from '../src/model/check.ts';
import { ParseCache } from '../src/model/parse-cache.ts';
import { BASE_FIXTURE } from './helpers/content.ts';

/**
 * The parse cache keeps parsed YAML between runs; whatever it keeps, validation must say exactly
 * what it says without the cache: same findings at the same lines, same model. Checked on the
 * project's sample content and after edits to a law, a statute text and a power.
 */
const dir = mkdtempSync(join(tmpdir(), 'quanze-parse-cache-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Checks with a fresh cache object over the same store, and without a cache: the same answer. */
function checkBoth(content: string, store: string): CheckResult {
  const cached = checkContentAt(content, { cache: new ParseCache(store), relativeTo: content });
  const plain = checkContentAt(content, { relativeTo: content });
  expect(cached.findings).toEqual(plain.findings);
  expect(cached.ok).toBe(plain.ok);
  expect(cached.model).toEqual(plain.model);
  return cached;
}

describe('parse cache', () => {
  it('gives the sample content the same findings and model, cold and warm', () => {
    const store = join(dir, 'sample.bin');
    checkBoth(join(process.cwd(), 'content'), store);
    expect(existsSync(store)).toBe(true);
    checkBoth(join(process.cwd(), 'content'), store);
  });

  it('never answers from before a law, a statute text or a power changed', () => {
    const content = join(dir, 'content');
    cpSync(join(BASE_FIXTURE, 'content'), content, { recursive: true });
    const store = join(dir, 'base.bin');
    expect(checkBoth(content, store).ok).toBe(true);
    checkBoth(content, store);

    // The law is now repealed: the power files (unchanged, so taken from the store) cite it, and
    // each finding must name the citation's own line in its file.
    const law = join(content, 'laws/csf.yaml');
    const lawText = readFileSync(law, 'utf8');
    writeFileSync(law, lawText.replace('status: 现行有效', 'status: 已废止\nrepealed: 2021-01-01'));
    const afterLaw = checkBoth(content, store);
    const cited = afterLaw.findings.filter((f) => f.file === 'powers/test-dept/410100-CS-XK-001.md' && f.severity === 'error');
    expect(cited.length).toBeGreaterThan(0);
    expect(cited.every((f) => f.line > 1)).toBe(true);
    writeFileSync(law, lawText);
    expect(checkBoth(content, store).ok).toBe(true);

    // The statute text no longer says what the power quotes.
    const statute = join(content, 'laws/csf/2020-01-01.md');
    writeFileSync(statute, readFileSync(statute, 'utf8').replace('经营场所不符合安全条件的', '经营场所不符合消防条件的'));
    expect(checkBoth(content, store).findings.some((f) => f.file === 'powers/test-dept/410100-CS-XK-001.md' && f.field.startsWith('basis'))).toBe(true);

    // A power renamed: the model holds the new name.
    const power = join(content, 'powers/test-dept/410100-CS-CF-001.md');
    writeFileSync(power, readFileSync(power, 'utf8').replace(/^name: .*$/m, 'name: 改过名的处罚事项'));
    expect(checkBoth(content, store).model!.powers.find((p) => p.code === '410100-CS-CF-001')!.name).toBe('改过名的处罚事项');
  });

  it('parses afresh from a store that cannot be read', () => {
    const store = join(dir, 'broken.bin');
    writeFileSync(store, 'not a store');
    checkBoth(join(BASE_FIXTURE, 'content'), store);
  });
});
