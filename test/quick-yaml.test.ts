import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineCounter, parseDocument } from 'yaml';
import { quickYaml } from '../src/model/quick-yaml.ts';
import { sourceFromData, splitFrontmatter } from '../src/model/source-file.ts';

/**
 * The quick reader may only answer where the `yaml` package — the judge of every content file —
 * reads the text without any error or tag warning and gives the same data. The oracle here is
 * `yaml` itself, on the project's content files, on those files edited at random with YAML's own
 * characters, and on scalars built from YAML 1.2's number, null and bool forms.
 */
function byYaml(text: string): { ok: true; data: unknown } | { ok: false } {
  const doc = parseDocument(text, { lineCounter: new LineCounter(), prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length || doc.warnings.some((w) => w.code === 'TAG_RESOLVE_FAILED')) return { ok: false };
  try {
    return { ok: true, data: doc.toJS({ maxAliasCount: 50 }) };
  } catch {
    return { ok: false };
  }
}

function expectAgrees(text: string): boolean {
  const quick = quickYaml(text);
  if (!quick) return false;
  const judge = byYaml(text);
  expect(judge.ok, `quick-yaml read a text that yaml refuses: ${JSON.stringify(text.slice(0, 300))}`).toBe(true);
  if (judge.ok) expect(quick.data, JSON.stringify(text.slice(0, 300))).toStrictEqual(judge.data);
  return true;
}

const yamlTexts: string[] = [];
const walk = (dir: string) => {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (/\.ya?ml$/.test(name)) yamlTexts.push(readFileSync(path, 'utf8'));
    else if (/\.mdx?$/.test(name)) {
      const parts = splitFrontmatter(readFileSync(path, 'utf8').replace(/\r\n?/g, '\n'));
      if (parts) yamlTexts.push(parts.frontmatter);
    }
  }
};
walk('content');

describe('quick YAML reading agrees with the yaml package', () => {
  it('reads nearly every content file of the sample, with the same data', () => {
    const read = yamlTexts.filter(expectAgrees).length;
    // Most files are plain; those it declines (flow lists over two lines, quotes in text) are read by yaml.
    expect(yamlTexts.length).toBeGreaterThan(100);
    expect(read / yamlTexts.length).toBeGreaterThan(0.6);
  });

  it('never reads differently from yaml when content files are edited at random', () => {
    const pieces = [':', ': ', '-', '- ', ' ', '  ', '\n', '\n  ', '"', "'", '[', ']', '{', '}', '#', ' #', '|', '>', '\t', ',', '?', '\\', '0', '1e3', '0x1F', '0o17', '1_000', '.5', '~', 'null', 'true', 'Yes', '...', '---', '----', '\r', '\u00a0', '\u2028', '\u2029', '\u0085', '\ufeff', '%', '@', '`', '&a', '*a', '!!str', '|-', '>+', '|2', 'a'.repeat(1100)];
    const edit = fc.oneof(
      fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), piece: fc.constantFrom(...pieces) }),
      fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 3 }) }),
      fc.record({ kind: fc.constant('copy' as const), at: fc.nat(), from: fc.nat(), length: fc.integer({ min: 1, max: 20 }) }),
    );
    let read = 0;
    fc.assert(
      fc.property(fc.nat({ max: yamlTexts.length - 1 }), fc.array(edit, { minLength: 1, maxLength: 3 }), (which, edits) => {
        let text = yamlTexts[which]!;
        for (const e of edits) {
          const at = e.at % (text.length + 1);
          if (e.kind === 'insert') text = text.slice(0, at) + e.piece + text.slice(at);
          else if (e.kind === 'delete') text = text.slice(0, at) + text.slice(at + e.length);
          else text = text.slice(0, at) + text.slice(e.from % (text.length + 1)).slice(0, e.length) + text.slice(at);
        }
        if (expectAgrees(text)) read++;
      }),
      { numRuns: 4000, seed: 20261130 },
    );
    // The edits leave many texts plain: the quick path is exercised, not only declined.
    expect(read).toBeGreaterThan(1000);
  });

  it('resolves plain scalars as YAML 1.2 core does in yaml (numbers, nulls, bools, and look-alikes that stay text)', () => {
    const sign = fc.constantFrom('', '-', '+');
    const digits = fc.stringMatching(/^[0-9_]{1,6}$/);
    const scalar = fc.oneof(
      fc.tuple(sign, digits).map(([s, d]) => s + d),
      fc.tuple(sign, digits, digits).map(([s, a, b]) => `${s}${a}.${b}`),
      fc.tuple(sign, digits, fc.constantFrom('e', 'E'), sign, digits).map(([s, a, e, t, b]) => `${s}${a}${e}${t}${b}`),
      fc.tuple(sign, fc.constantFrom('0x', '0o', '0b', '0X'), fc.stringMatching(/^[0-9a-fA-F_]{1,5}$/)).map(([s, p, d]) => s + p + d),
      fc.tuple(sign, fc.constantFrom('.inf', '.Inf', '.INF', '.nan', '.NaN', '.NAN', '.iNf', 'inf', 'NaN')).map(([s, w]) => s + w),
      fc.constantFrom('~', 'null', 'Null', 'NULL', 'nUll', 'true', 'True', 'TRUE', 'tRue', 'false', 'False', 'FALSE', 'yes', 'no', 'on', 'off', 'y', 'n', '', '2021-01-22', '2021-01-22T10:00:00Z', '1:30', '1,000', '12.', '.', '-', '+', '0.', '.0e1', '¥100', '１２'),
    );
    fc.assert(
      fc.property(scalar, fc.constantFrom('key: %s\n', '- %s\n', 'list: [%s, x]\n', 'map: { a: %s }\n', 'a:\n  b: %s\n'), (value, form) => {
        const text = form.replace('%s', value);
        if (quickYaml(text)) expectAgrees(text);
        else expect(byYaml(text).ok || true).toBe(true);
      }),
      { numRuns: 3000, seed: 1 },
    );
    // Spot checks of the schema, stated by hand: what yaml 1.2 core gives.
    expect(quickYaml('a: 1_000\nb: 0b101\nc: 0o17\nd: 0x1F\ne: 012\nf: 2021-01-22\ng: yes\n')?.data).toStrictEqual({ a: '1_000', b: '0b101', c: 15, d: 31, e: 12, f: '2021-01-22', g: 'yes' });
  });

  it('names the file start, not a crash, where yaml could not place a field of data read elsewhere', () => {
    // A key over 1024 characters: js-yaml reads it, yaml refuses the text.
    const text = `${'k'.repeat(1100)}: v\nname: 甲\n`;
    const source = sourceFromData(text, 'content/powers/a/x.md', 2, { name: '甲' });
    expect(source.locate(['name'])).toEqual({ line: 2, column: 1 });
    expect(sourceFromData('a: 1\nname: 甲\n', 'content/powers/a/x.md', 2, { name: '甲' }).locate(['name'])).toEqual({ line: 3, column: 7 });
  });

  it('finishes on a megabyte of spaces, tabs or colons (no run is scanned again from each character)', () => {
    // Quadratic before: 40,000 spaces took seconds, a megabyte would not have finished.
    for (const text of [`a: x${' '.repeat(1e6)}y\n`, `a: x\n${' '.repeat(1e6)}`, `a:${'\t'.repeat(1e6)}`, `a: ${' :'.repeat(5e5)}`, `a: x${'] '.repeat(5e5)}`]) {
      expect(quickYaml(text)).toBeUndefined();
    }
    const long = Array.from({ length: 3000 }, (_, i) => `k${i}: ${'字 '.repeat(300)}\n`).join('');
    expect(Object.keys(quickYaml(long)?.data as object)).toHaveLength(3000);
  });

  it('leaves to yaml what it cannot judge the same way', () => {
    for (const text of ['a: &x 1\nb: *x\n', 'a: !!str 1\n', '%YAML 1.2\n---\na: 1\n', '? a\n: b\n', '{a: 1}: b\n', ': x\n', 'null: x\n', 'a: [1,\n  2]\n', 'a: "x\n  y"\n', "a: 'x'#c\n", '\ufeffa: 1\n', 'a: 1\r\nb: 2\n', ' \ta: 1\n', '----\n', '', `${'k'.repeat(1100)}: v\n`]) {
      expect(quickYaml(text), JSON.stringify(text)).toBeUndefined();
    }
  });
});
