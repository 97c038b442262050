import type { LawModel, Model, PowerModel } from '../../model/types.ts';
import type { TimeLimit } from '../../lib/time-limit.ts';
import { derivedListKeys } from '../../derived-lists/index.ts';
import { departmentPowers } from '../../model/department-powers.ts';

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

/**
 * The power file's fields the open data leaves out, and why; a path names a field and everything
 * under it. Every other field is carried (test/export-fields.test.ts walks the power schema).
 */
export function openDataOmits(): Record<string, string> {
  return {
    enforcement: 'facts that choose the flowchart\'s statutory path (who enforces, which obligation), not a column of the list; the flowchart pages show the path chosen',
    change_note: 'a note on a change, not content of the list: published with the change on the history pages and in the feeds',
    ...Object.fromEntries(derivedListKeys().map((key) => [key, 'the field of a derived list, published as that list\'s own open data (/downloads/list-<id>.json)'])),
  };
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
    powers: departmentPowers(model, id).map(powerJson),
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
      limit: s.limit ? limitJson(s.limit) : null,
      basis: s.basis ? { law: s.basis.law.id, article: s.basis.article, version: s.basis.version } : null,
      ...(s.extension ? { extension: { limit: limitJson(s.extension.limit), basis: refJson(s.extension.basis) } } : {}),
    })),
    fee: p.fee ?? null,
    ...(p.totalLimit
      ? { totalLimit: { statutory: limitJson(p.totalLimit.statutory), ...(p.totalLimit.promised ? { promised: limitJson(p.totalLimit.promised) } : {}), ...(p.totalLimit.basis ? { basis: refJson(p.totalLimit.basis) } : {}) } }
      : {}),
    liability: p.liability,
    accountability: p.accountability.map((a) => ({ situation: a.situation, basis: a.basis ? { law: a.basis.law.id, article: a.basis.article, version: a.basis.version } : null })),
    notes: p.notes ?? null,
  };
}

/** A limit resolved, however the file writes it (20个工作日 or { days: 20, type: 工作日 }). */
function limitJson(limit: TimeLimit) {
  return { text: limit.text, amount: limit.amount, unit: limit.unit };
}

function refJson(ref: { law: LawModel; article: string; version: string }) {
  return { law: ref.law.id, article: ref.article, version: ref.version };
}
