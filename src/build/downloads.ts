import { csvHead, csvRows } from '../generators/exports/csv.ts';
import { departmentJson, listsToJson } from '../generators/exports/json.ts';
import { departmentWorkbook } from '../generators/exports/xlsx.ts';
import { tableCsv, tableWorkbook } from '../generators/exports/table.ts';
import { buildDerivedList, type DerivedList } from '../generators/derived-lists.ts';
import { derivedLists } from '../derived-lists/index.ts';
import type { Model, PowerModel } from '../model/types.ts';
import type { ContentHistory } from '../history/content-history.ts';
import { revisionDepartment } from '../history/public-record.ts';
import { departmentPowers } from '../model/department-powers.ts';

/**
 * The download files of the site (/downloads/<file>): each department's 权责清单 as XLSX (official
 * layout) and CSV; all lists as JSON (open data) and CSV; each derived list site-wide and per
 * department. A spec names a file and the powers it is made from, so a build can reuse a file whose
 * powers did not change.
 */
export type DownloadSpec =
  | { file: string; kind: 'all'; ext: 'json' | 'csv' }
  | { file: string; kind: 'department'; department: string; ext: 'xlsx' | 'csv' }
  | { file: string; kind: 'list'; list: string; department?: string; ext: 'xlsx' | 'csv' | 'json' };

export function downloadSpecs(model: Model): DownloadSpec[] {
  const specs: DownloadSpec[] = [
    { file: 'quanze-lists.json', kind: 'all', ext: 'json' },
    { file: 'quanze-lists.csv', kind: 'all', ext: 'csv' },
  ];
  for (const d of model.departments) {
    for (const ext of ['xlsx', 'csv'] as const) specs.push({ file: `${d.id}.${ext}`, kind: 'department', department: d.id, ext });
  }
  for (const l of derivedLists) {
    for (const ext of ['xlsx', 'csv', 'json'] as const) specs.push({ file: `list-${l.id}.${ext}`, kind: 'list', list: l.id, ext });
    for (const d of model.departments) {
      for (const ext of ['xlsx', 'csv'] as const) specs.push({ file: `${d.id}-${l.id}.${ext}`, kind: 'list', list: l.id, department: d.id, ext });
    }
  }
  return specs;
}

/** The powers a download is made from: one department's, or all. */
export function downloadPowers(model: Model, spec: DownloadSpec): PowerModel[] {
  const department = spec.kind === 'all' ? undefined : spec.department;
  return department ? departmentPowers(model, department) : model.powers;
}

/**
 * A download ready to be made. `identity` says what the file holds without making it: the codes
 * of its powers (their file hashes are added by the caller), or, for a derived list, the rows
 * themselves, since a list holds only the powers with that field and is cheap to assemble; the
 * workbook is the slow part.
 */
export interface PreparedDownload {
  identity: { powers: string[] } | { data: string };
  make(): Promise<Uint8Array | string>;
  /**
   * A site-wide text file is its department parts joined (head + parts + tail), so a build can
   * keep each department's part and remake only the changed ones (measured at 10,000 powers:
   * 2.2 s for the site-wide JSON and CSV, every time any power changed).
   */
  parts?: { head: string; tail: string; joiner: string; parts: { kind: PartKind; powers: string[]; make(): string }[] };
  /** Anything else the file shows that its powers do not determine (the 内容更新至 date of a workbook). */
  stamp?: string;
}

/**
 * What a part holds, besides its powers: files made of the same kind of part over the same powers
 * share it (a department's CSV is its heading and the part the site-wide CSV joins for it).
 */
export type PartKind = 'csv-rows' | 'json-department';

/** The 内容更新至 date of each department (its last commit touching its powers), printed in its workbook's page header. */
export type UpdateDates = Record<string, string>;

export function departmentUpdateDates(history: ContentHistory): UpdateDates {
  const dates: UpdateDates = {};
  if (!history.available) return dates;
  // Commits are newest first: the first one that touches a department's powers dates it.
  for (const commit of history.commits) {
    for (const r of commit.revisions) {
      const department = revisionDepartment(r);
      if (department && !(department in dates)) dates[department] = commit.date;
    }
  }
  return dates;
}

export function prepareDownload(model: Model, spec: DownloadSpec, updated: UpdateDates = {}): PreparedDownload {
  switch (spec.kind) {
    case 'all': {
      const parts = siteWideParts(model, spec.ext);
      return {
        identity: { powers: model.powers.map((p) => p.code) },
        make: async () => joinedParts(parts),
        parts,
      };
    }
    case 'department': {
      const powers = downloadPowers(model, spec);
      const codes = powers.map((p) => p.code);
      const department = model.departments.find((d) => d.id === spec.department)!;
      const date = spec.ext === 'xlsx' ? updated[department.id] : undefined;
      if (spec.ext === 'csv') {
        const parts = { head: csvHead(), tail: '', joiner: '', parts: [{ kind: 'csv-rows' as const, powers: codes, make: () => csvRows(model, powers) }] };
        return { identity: { powers: codes }, make: async () => joinedParts(parts), parts };
      }
      return {
        identity: { powers: codes },
        make: async () => new Uint8Array(await departmentWorkbook(model, department, { updated: date })),
        ...(date ? { stamp: date } : {}),
      };
    }
    case 'list': {
      // A department's list is keyed by its powers (the list need not be assembled when the
      // file is cached); a site-wide list by its rows, since most powers are in no given list.
      const department = spec.department;
      const get = () => derivedList(model, spec.list, department);
      return {
        identity: department ? { powers: downloadPowers(model, spec).map((p) => p.code) } : { data: get().json },
        make: async () => {
          const { list, json } = get();
          const rows = list.rows.map((r) => r.cells);
          if (spec.ext === 'json') return json;
          if (spec.ext === 'csv') return tableCsv(list.columns, rows);
          return new Uint8Array(await tableWorkbook(list.title, list.columns, rows));
        },
      };
    }
  }
}

/** A file made of parts, whole: what writeDownloads joins from the cached parts. */
function joinedParts(parts: NonNullable<PreparedDownload['parts']>): string {
  return parts.head + parts.parts.map((p) => p.make()).join(parts.joiner) + parts.tail;
}

/** The site-wide JSON (compact: tens of megabytes at city scale, read by programs) and CSV. */
function siteWideParts(model: Model, ext: 'json' | 'csv'): NonNullable<PreparedDownload['parts']> {
  const parts = model.departments.map((d) => {
    const powers = departmentPowers(model, d.id);
    return {
      kind: ext === 'json' ? ('json-department' as const) : ('csv-rows' as const),
      powers: powers.map((p) => p.code),
      make: () => (ext === 'json' ? JSON.stringify(departmentJson(model, d.id)) : csvRows(model, powers)),
    };
  });
  if (ext === 'csv') return { head: csvHead(), tail: '', joiner: '', parts };
  const empty = JSON.stringify({ ...listsToJson(model, undefined, false), departments: [] });
  return { head: empty.slice(0, -'[]}'.length) + '[', tail: ']}', joiner: ',', parts };
}

const lists = new WeakMap<Model, Map<string, { list: DerivedList; json: string }>>();

/** Each list is assembled once per model: its XLSX, CSV and JSON are made from the same rows. */
function derivedList(model: Model, id: string, departmentId?: string): { list: DerivedList; json: string } {
  let cache = lists.get(model);
  if (!cache) lists.set(model, (cache = new Map()));
  const key = `${id}:${departmentId ?? ''}`;
  let entry = cache.get(key);
  if (!entry) {
    const list = buildDerivedList(model, id, departmentId ? model.departments.find((d) => d.id === departmentId) : undefined);
    entry = { list, json: JSON.stringify({ title: list.title, source: list.source, columns: list.columns, rows: list.rows }, null, 2) };
    cache.set(key, entry);
  }
  return entry;
}

export function buildDownload(model: Model, spec: DownloadSpec): Promise<Uint8Array | string> {
  return prepareDownload(model, spec).make();
}
