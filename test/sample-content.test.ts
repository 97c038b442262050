import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkContentAt } from '../src/model/check.ts';
import { formatFinding } from '../src/model/findings.ts';

/**
 * The bundled sample content is the site's default: it must validate without errors. The only
 * warnings allowed are citations of a version the registry knows to be superseded (the registry is
 * kept true; 待调整事项 lists those citations until someone checks them against the new text).
 */
describe('sample content', () => {
  const result = checkContentAt(resolve('content'));
  const model = result.model!;

  it('validates without errors, warning only about superseded versions', () => {
    expect(result.findings.filter((f) => f.rule !== 'stale-citation').map(formatFinding)).toEqual([]);
    for (const f of result.findings) expect(f.message).toMatch(/^引用的是《.+》\d{4}-\d{2}-\d{2} 版本，该法已于 \d{4}-\d{2}-\d{2} (修正|修订)/);
  });

  it('has at least 4 departments and 60 powers', () => {
    expect(model.departments.length).toBeGreaterThanOrEqual(4);
    expect(model.powers.length).toBeGreaterThanOrEqual(60);
  });

  it('covers all ten categories and every flow variant', () => {
    for (const category of model.stageTable.categories) {
      for (const procedure of category.procedures) {
        const n = model.powers.filter((p) => p.category.name === category.name && p.procedure.name === procedure.name).length;
        expect(n, `${category.name} ${procedure.name}`).toBeGreaterThan(0);
      }
    }
    expect(model.stageTable.categories).toHaveLength(10);
  });

  it('cites only laws in the registry, each with a version and quote', () => {
    for (const power of model.powers) {
      for (const c of power.basis) {
        expect(c.law.versions.map((v) => v.date)).toContain(c.version);
        expect(c.quote?.length).toBeGreaterThan(5);
      }
    }
  });

  it('has a 子项, a suspended or cancelled power, and powers of several units', () => {
    expect(model.powers.some((p) => p.parent)).toBe(true);
    expect(model.powers.some((p) => p.status !== '有效')).toBe(true);
    // Each power is carried out by the unit its file names (read here from the file, not the
    // model), and at least one department spreads its powers over several units.
    const unitsByDepartment = new Map<string, Set<string>>();
    for (const power of model.powers) {
      const named = /^unit: *(\S+)$/m.exec(readFileSync(join(process.cwd(), power.file), 'utf8'))?.[1];
      expect(power.unit.id, power.code).toBe(named);
      expect(power.department.units.map((u) => u.id)).toContain(power.unit.id);
      unitsByDepartment.set(power.department.id, (unitsByDepartment.get(power.department.id) ?? new Set()).add(power.unit.id));
    }
    expect(Math.max(...[...unitsByDepartment.values()].map((units) => units.size))).toBeGreaterThan(1);
  });
});
