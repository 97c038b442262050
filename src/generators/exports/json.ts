import type { Model, PowerModel } from '../../model/types.ts';

/**
 * The lists as open data: every department with its powers, in stage-table category order, every
 * field resolved (law titles, unit names). One document, stable keys, for downloads and for
 * comparing the lists at two dates.
 */
export interface ListsDocument {
  format: 'quanze-lists/1';
  asOf?: { revision: string; date: string };
  totals: { departments: number; powers: number; byCategory: Record<string, number> };
  departments: ReturnType<typeof departmentJson>[];
}

export function listsToJson(model: Model, asOf?: { revision: string; date: string }, withDepartments = true): ListsDocument {
  const byCategory: Record<string, number> = {};
  for (const c of model.stageTable.categories) byCategory[c.name] = model.powers.filter((p) => p.category.name === c.name).length;
  return {
    format: 'quanze-lists/1',
    ...(asOf ? { asOf } : {}),
    totals: { departments: model.departments.length, powers: model.powers.length, byCategory },
    departments: withDepartments ? model.departments.map((d) => departmentJson(model, d.id)) : [],
  };
}

export function departmentJson(model: Model, id: string) {
  const d = model.departments.find((x) => x.id === id)!;
  return {
    id: d.id,
    name: d.name,
    region: d.region,
    level: d.level,
    units: d.units.map((u) => ({ id: u.id, name: u.name, posts: u.posts })),
    service: d.service,
    complaint: d.complaint,
    powers: model.powers.filter((p) => p.department.id === id).map(powerJson),
  };
}

export function powerJson(p: PowerModel) {
  return {
    code: p.code,
    name: p.name,
    category: p.category.name,
    ...(p.procedure.name ? { procedure: p.procedure.name } : {}),
    ...(p.parent ? { parent: p.parent } : {}),
    ...(p.directoryCode ? { directoryCode: p.directoryCode } : {}),
    unit: { id: p.unit.id, name: p.unit.name },
    partners: p.partners,
    level: p.level,
    target: p.target,
    status: p.status,
    basis: p.basis.map((c) => ({ law: { id: c.law.id, title: c.law.title, short: c.law.short }, article: c.article, version: c.version, quote: c.quote ?? null })),
    stages: p.stages.map((s) => ({
      stage: s.stage,
      unit: { id: s.unit.id, name: s.unit.name },
      post: s.post ?? null,
      duty: s.duty,
      limit: s.limit ? { text: s.limit.text, amount: s.limit.amount, unit: s.limit.unit } : null,
      basis: s.basis ? { law: s.basis.law.id, article: s.basis.article, version: s.basis.version } : null,
    })),
    fee: p.fee ?? null,
    liability: p.liability,
    accountability: p.accountability.map((a) => ({ situation: a.situation, basis: a.basis ? { law: a.basis.law.id, article: a.basis.article, version: a.basis.version } : null })),
    notes: p.notes ?? null,
  };
}
