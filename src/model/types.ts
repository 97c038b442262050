import type { Adjustment } from '../schema/adjustment.ts';
import type { Directory, DirectoryItem } from '../schema/directory.ts';
import type { Department, Unit } from '../schema/department.ts';
import type { FlowTemplate } from '../schema/flow-template.ts';
import type { Law, LawVersion } from '../schema/law.ts';
import type { Enforcement, Power } from '../schema/power.ts';
import type { SiteSettings } from '../schema/site.ts';
import type { DayCountingRule } from '../schema/stage-table.ts';
import type { Article } from '../lib/statute.ts';
import type { DayType, TimeLimit } from '../lib/time-limit.ts';
import type { Citation } from './citations.ts';
import type { DerivedFields } from '../derived-lists/index.ts';

export interface StageDef {
  name: string;
  optional: boolean;
}

export interface ProcedureDef {
  name: string;
  flow: string;
  /** `free` = the power names its own stages. */
  stages: StageDef[] | 'free';
}

export interface CategoryDef {
  name: string;
  code: string;
  basis: string;
  dayType: DayType;
  fee: boolean;
  /** Flow variants; a category without variants has one unnamed procedure. */
  procedures: ProcedureDef[];
  hasVariants: boolean;
}

export interface StageTable {
  codePattern: string;
  otherStage: { name: string; duty: string };
  liability: string[];
  dayCounting: DayCountingRule[];
  categories: CategoryDef[];
}

export interface LawModel extends Law {
  file: string;
  latest: LawVersion;
  /** Parsed full texts by version date, where the registry holds them. */
  texts: Map<string, Map<string, Article>>;
}

export interface DepartmentModel extends Department {
  file: string;
  unitById: Map<string, Unit>;
}

export interface ResolvedCitation {
  law: LawModel;
  article: string;
  version: string;
  quote?: string;
  /** The cited version is older than the law's latest version. */
  stale: boolean;
}

export interface ResolvedStage {
  stage: string;
  post?: string;
  unit: Unit;
  duty: string;
  limit?: TimeLimit;
  basis?: { law: LawModel; article: string; version: string };
  /** An extension the special statute provides (e.g. 市场主体登记管理条例 §19: 再延长3个工作日). */
  extension?: { limit: TimeLimit; basis: { law: LawModel; article: string; version: string } };
  /** The extra 其他 item (法律、法规、规章规定的其他应履行的责任事项). */
  isOther: boolean;
}

export interface PowerModel {
  code: string;
  name: string;
  category: CategoryDef;
  procedure: ProcedureDef;
  parent?: string;
  unit: Unit;
  partners: string[];
  level: string;
  target: Power['target'];
  basis: ResolvedCitation[];
  stages: ResolvedStage[];
  fee?: Power['fee'];
  /** The overall limit stated in the file (total_limit), where the stages do not add up to it. */
  totalLimit?: { statutory: TimeLimit; promised?: TimeLimit; basis?: { law: LawModel; article: string; version: string } };
  /** Who enforces and what (行政强制执行 only). */
  enforcement?: { by: Enforcement['by']; obligation: Enforcement['obligation']; basis?: { law: LawModel; article: string } };
  /** Paragraphs of the 违法责任 text. */
  liability: string[];
  liabilityIsStandard: boolean;
  accountability: { situation: string; basis?: { law: LawModel; article: string; version: string } }[];
  /** Every citation in the power — basis, stages, 追责, derived lists — as the resolver settled it. */
  citations: Citation[];
  status: Power['status'];
  notes?: string;
  changeNote?: string;
  /** The item of the department's upper-level directory this power implements. */
  directoryCode?: string;
  /** The resolved entries of each derived list, by the list's key (src/derived-lists/). */
  derived: DerivedFields;
  department: DepartmentModel;
  file: string;
  extension: 'md' | 'mdx';
  body: string;
  /** The front matter as the schema read it: what the export's 源数据（机读） column carries back. */
  record: Power;
}

export interface Model {
  /** content/site.yaml, validated, with the schema's defaults filled in. */
  site: SiteSettings;
  stageTable: StageTable;
  flows: Map<string, FlowTemplate>;
  departments: DepartmentModel[];
  laws: Map<string, LawModel>;
  /** Every power, ordered by department, category (stage-table order), then code. */
  powers: PowerModel[];
  /** Citations in flow templates, by template. */
  flowCitations: { flow: string; file: string; citations: Citation[] }[];
  /** Approved adjustments of the lists (调整文件), newest approval first. */
  adjustments: AdjustmentModel[];
  /** Upper-level directories (通用目录) by id. */
  directories: Map<string, DirectoryModel>;
}

export interface DirectoryModel extends Directory {
  file: string;
  itemByCode: Map<string, DirectoryItem>;
}

export interface AdjustmentModel extends Adjustment {
  file: string;
  departmentName: string;
}
