import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BAD_CASES } from './fixtures/bad-cases.ts';
import { BASE_FIXTURE, checkFixture } from './helpers/content.ts';

const expected: Record<string, string[]> = JSON.parse(readFileSync(join(BASE_FIXTURE, '../bad-cases.expected.json'), 'utf8'));

describe('the base fixture', () => {
  it('is valid, so each bad case shows only its own problem', () => {
    const result = checkFixture();
    expect(result.lines).toEqual([]);
    expect(result.model?.powers.map((p) => p.code)).toEqual(['410100-CS-XK-001', '410100-CS-CF-001']);
  });
});

describe('broken content gets the exact finding (file:line:column, field, message, rule)', () => {
  it('has a corpus of at least 100 cases, each with its expectation', () => {
    expect(BAD_CASES.length).toBeGreaterThanOrEqual(100);
    expect(Object.keys(expected).sort()).toEqual(BAD_CASES.map((c) => c.name).sort());
  });

  for (const badCase of BAD_CASES) {
    it(badCase.name, () => {
      const result = checkFixture(badCase.files);
      expect(result.lines).toEqual(expected[badCase.name]);
      const warningsOnly = result.findings.every((f) => f.severity === 'warning');
      expect(result.ok).toBe(warningsOnly);
    });
  }
});
