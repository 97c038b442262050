import { describe, expect, it } from 'vitest';
import { finding, formatFinding, reporter, sortFindings, type Finding } from '../src/model/findings.ts';

describe('findings with places looked up when read', () => {
  it('asks for the place once, only when its line or column is read, and reads like a plain finding', () => {
    let asked = 0;
    const lazy = finding('stage-limit-day-type', 'content/powers/a/x.md', () => (asked++, { line: 7, column: 3 }), ['stages', 1, 'limit'], '期限的日类型与依据不符');
    expect(asked).toBe(0);
    expect(lazy.severity).toBe('warning');
    expect(asked).toBe(0);
    expect(lazy.line).toBe(7);
    expect(lazy.column).toBe(3);
    expect(asked).toBe(1);
    const plain = finding('stage-limit-day-type', 'content/powers/a/x.md', { line: 7, column: 3 }, ['stages', 1, 'limit'], '期限的日类型与依据不符');
    expect({ ...lazy }).toStrictEqual(plain);
    expect(JSON.parse(JSON.stringify(lazy))).toStrictEqual(plain);
    expect(structuredClone(lazy)).toStrictEqual(plain);
    expect(formatFinding(lazy)).toBe('content/powers/a/x.md:7:3: warning: stages.1.limit: 期限的日类型与依据不符 (stage-limit-day-type)');
  });

  it('a reporter locates the field only when the finding’s place is read, and sorting reads it', () => {
    const asked: string[] = [];
    const source = { file: 'content/powers/a/x.md', locate: (path: readonly (string | number)[]) => (asked.push(path.join('.')), { line: 10 - path.length, column: 1 }) };
    const findings: Finding[] = [];
    const report = reporter(source, findings);
    report(['stages', 0, 'limit'], 'stage-limit-day-type', '甲');
    report(['name'], 'stage-limit-day-type', '乙');
    expect(asked).toEqual([]);
    expect(sortFindings(findings).map((f) => [f.message, f.line])).toEqual([['甲', 7], ['乙', 9]]);
    expect(asked.sort()).toEqual(['name', 'stages.0.limit']);
  });
});
