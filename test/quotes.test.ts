import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { checkContentAt } from '../src/model/check.ts';

/**
 * The sample ships the statute texts it cites, so every quote is checked word for word. The oracle
 * here is the power files themselves (which line holds which quote) and the edits the test makes;
 * the statute texts are the official ones under content/laws/<id>/<version>.md.
 */
const ROOT = join(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'quanze-quotes-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface QuoteLine {
  file: string;
  line: number;
  quote: string;
}

/** Every basis quote in the sample, found by reading the files line by line. */
function sampleQuotes(contentDir: string): QuoteLine[] {
  const out: QuoteLine[] = [];
  const powers = join(contentDir, 'powers');
  for (const dept of readdirSync(powers)) {
    for (const name of readdirSync(join(powers, dept))) {
      const file = `content/powers/${dept}/${name}`;
      readFileSync(join(powers, dept, name), 'utf8')
        .split('\n')
        .forEach((text, i) => {
          const m = /^\s+quote:\s*(.*)$/.exec(text);
          if (m) out.push({ file, line: i + 1, quote: parseDocument(`q: ${m[1]}`).get('q') as string });
        });
    }
  }
  return out;
}

function copyContent(name: string): string {
  const dir = join(work, name);
  cpSync(join(ROOT, 'content'), join(dir, 'content'), { recursive: true });
  return dir;
}

/** Rewrites each quote line with `edit`; returns what was done to each. */
function editQuotes(dir: string, edit: (quote: string) => { quote: string; removed?: string } | undefined) {
  const done: (QuoteLine & { removed?: string })[] = [];
  const byFile = new Map<string, QuoteLine[]>();
  for (const q of sampleQuotes(join(dir, 'content'))) byFile.set(q.file, [...(byFile.get(q.file) ?? []), q]);
  for (const [file, quotes] of byFile) {
    const lines = readFileSync(join(dir, file), 'utf8').split('\n');
    for (const q of quotes) {
      const changed = edit(q.quote);
      if (!changed) continue;
      lines[q.line - 1] = lines[q.line - 1]!.replace(/quote:.*$/, `quote: ${JSON.stringify(changed.quote)}`);
      done.push({ ...q, quote: changed.quote, removed: changed.removed });
    }
    writeFileSync(join(dir, file), lines.join('\n'));
  }
  return done;
}

const quotes = sampleQuotes(join(ROOT, 'content'));

describe('quotes in the sample', () => {
  it('are all verified against the shipped statute texts, and the summary says how many', () => {
    expect(quotes.length).toBeGreaterThan(200);
    const out = execFileSync(process.execPath, [join(ROOT, 'bin/quanze.mjs'), 'validate'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(out).toBe('');
    const result = checkContentAt(join(ROOT, 'content'), { relativeTo: ROOT });
    expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(result.quotesVerified).toBe(quotes.length);
  });

  it('reports every quote with one word changed, naming file, line and the differing text', () => {
    const dir = copyContent('mutated');
    // Change one character in the middle of the longest piece between ellipses.
    const edits = editQuotes(dir, (quote) => {
      const pieces = quote.split('……');
      const longest = pieces.reduce((a, b) => (b.length > a.length ? b : a));
      const at = quote.indexOf(longest) + Math.floor(longest.length / 2);
      const replacement = quote[at] === '甲' ? '乙' : '甲';
      return { quote: quote.slice(0, at) + replacement + quote.slice(at + 1) };
    });
    expect(edits.length).toBe(quotes.length);
    const errors = checkContentAt(join(dir, 'content'), { relativeTo: dir }).findings.filter((f) => f.severity === 'error');
    for (const edit of edits) {
      const found = errors.find((f) => f.file === edit.file && f.line === edit.line);
      expect(found, `${edit.file}:${edit.line}`).toBeDefined();
      expect(found!.rule).toBe('quote-mismatch');
      expect(found!.message).toMatch(/甲|乙/);
    }
    expect(errors).toHaveLength(edits.length);
  });

  it('reports a clause removed without 「……」, naming the text left out', () => {
    const dir = copyContent('truncated');
    // Remove the second clause (between the first and second full-width comma) of the first piece.
    const edits = editQuotes(dir, (quote) => {
      const piece = quote.split('……').find((p) => p.split('，').length >= 3);
      if (!piece) return undefined;
      const clauses = piece.split('，');
      const removed = clauses[1]!;
      if (removed.length < 2) return undefined;
      const shorter = [clauses[0], ...clauses.slice(2)].join('，');
      return { quote: quote.replace(piece, shorter), removed };
    });
    expect(edits.length).toBeGreaterThan(100);
    const errors = checkContentAt(join(dir, 'content'), { relativeTo: dir }).findings.filter((f) => f.severity === 'error');
    for (const edit of edits) {
      const found = errors.find((f) => f.file === edit.file && f.line === edit.line);
      expect(found, `${edit.file}:${edit.line}: ${edit.quote}`).toBeDefined();
      expect(found!.rule).toBe('quote-omission');
      // The clause and the comma that joined it are missing. Where the text repeats around the cut,
      // several spans are equally right (「，不X」 or 「X，不」): any rotation of 「，clause」 is.
      const omitted = /略去了原文「(.*?)」/.exec(found!.message)?.[1] ?? '';
      expect(omitted.length).toBe(edit.removed!.length + 1);
      expect(omitted + omitted).toContain(`，${edit.removed}`);
    }
    expect(errors).toHaveLength(edits.length);
  });

  it('reports a quote cut short at the end without 「……」, naming the text left out', () => {
    const dir = copyContent('cut-short');
    const edits = editQuotes(dir, (quote) => {
      if (quote.endsWith('……')) return undefined;
      const clauses = quote.split('，');
      if (clauses.length < 3 || clauses.at(-1)!.length < 2 || clauses.at(-1)!.includes('……')) return undefined;
      return { quote: clauses.slice(0, -1).join('，'), removed: clauses.at(-1)! };
    });
    expect(edits.length).toBeGreaterThan(50);
    const errors = checkContentAt(join(dir, 'content'), { relativeTo: dir }).findings.filter((f) => f.severity === 'error');
    for (const edit of edits) {
      const found = errors.find((f) => f.file === edit.file && f.line === edit.line);
      expect(found, `${edit.file}:${edit.line}: ${edit.quote}`).toBeDefined();
      expect(found!.rule).toBe('quote-omission');
      const omitted = /略去了原文「(.*?)」/.exec(found!.message)?.[1] ?? '';
      expect(omitted.replace(/^，/, '').replace(/[。；]$/, '')).toBe(edit.removed!.replace(/[。；]$/, ''));
    }
    expect(errors).toHaveLength(edits.length);
  });
});
