import { stageTableSchema } from '../schema/stage-table.ts';
import type { Finding } from './findings.ts';
import { parseWithSchema } from './parse-file.ts';
import type { YamlSource } from './source-file.ts';
import type { CategoryDef, StageDef, StageTable } from './types.ts';

/** Reads content/stages.yaml into the stage table every other check uses. */
export function readStageTable(source: YamlSource | undefined, findings: Finding[]): StageTable | undefined {
  if (!source) return undefined;
  const file = parseWithSchema(stageTableSchema, source, findings);
  if (!file) return undefined;
  const toStages = (list: typeof file.categories[number]['stages']): StageDef[] | 'free' =>
    list === 'free' ? 'free' : list.map((s) => (typeof s === 'string' ? { name: s, optional: false } : { name: s.name, optional: s.optional }));
  const categories: CategoryDef[] = file.categories.map((c) => {
    const hasVariants = Boolean(c.procedures?.length);
    return {
      name: c.name,
      code: c.code,
      basis: c.basis,
      dayType: c.day_type,
      fee: c.fee,
      hasVariants,
      procedures: hasVariants
        ? c.procedures!.map((p) => ({ name: p.name, flow: p.flow, stages: toStages(p.stages) }))
        : [{ name: '', flow: c.flow!, stages: toStages(c.stages) }],
    };
  });
  return { codePattern: file.code_pattern, otherStage: file.other_stage, liability: file.liability, dayCounting: file.day_counting, categories };
}

export function codeRegex(table: StageTable, region: string, categoryCode: string): RegExp {
  return new RegExp(table.codePattern.replaceAll('{region}', region).replaceAll('{category_code}', categoryCode));
}
