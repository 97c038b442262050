import { derivedLists, type DerivedFields } from '../derived-lists/index.ts';
import type { CheckContext } from '../derived-lists/define.ts';
import type { Power } from '../schema/power.ts';
import type { Cite } from './check-powers.ts';
import type { Report } from './findings.ts';
import type { ResolvedCitation } from './types.ts';

/**
 * Checks the optional fields behind the derived lists and resolves their law references: each
 * registered list (src/derived-lists/) checks its own field, in registry order.
 */
export function checkDerived(power: Power, basis: ResolvedCitation[] | undefined, cite: Cite, report: Report): DerivedFields {
  const context: CheckContext = {
    power: { category: power.category, procedure: power.procedure, target: power.target, stages: power.stages.map((s) => s.stage) },
    basis,
    cite: (ref, kind, path, place) => {
      const c = cite(ref, kind, path, place);
      return c ? { law: c.law, article: c.article } : undefined;
    },
    report,
  };
  const record = power as Record<string, unknown>;
  const derived: Record<string, unknown[]> = {};
  for (const list of derivedLists) {
    const value = record[list.key];
    derived[list.key] = value === undefined || value === null ? [] : list.resolve(value, context);
  }
  return derived as DerivedFields;
}
