import { RE2JS } from 're2js';
import { stageTableSchema } from '../schema/stage-table.ts';
import { reporter, type Finding } from './findings.ts';
import { parseWithSchema } from './parse-file.ts';
import type { YamlSource } from './source-file.ts';
import type { CategoryDef, StageDef, StageTable } from './types.ts';

/** Reads content/stages.yaml into the stage table every other check uses. */
export function readStageTable(source: YamlSource | undefined, findings: Finding[]): StageTable | undefined {
  if (!source) return undefined;
  const file = parseWithSchema(stageTableSchema, source, findings);
  if (!file) return undefined;
  const patternProblem = codePatternProblem(file.code_pattern);
  if (patternProblem) {
    reporter(source, findings)(['code_pattern'], 'code-pattern', patternProblem);
    return undefined;
  }
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

/** A compiled 事项编码 pattern: `source` for messages, `test` like RegExp's. */
export interface CodePattern {
  source: string;
  test(code: string): boolean;
}

const compiledPatterns = new Map<string, RE2JS>();

/** Codes are short; a longer value is refused before any matching. */
const MAX_CODE_LENGTH = 64;

/**
 * The code pattern of stages.yaml for one department and category. It comes from content, so it
 * runs on RE2 (linear time): a pattern with nested quantifiers cannot hang validation.
 */
export function codeRegex(table: StageTable, region: string, categoryCode: string): CodePattern {
  const source = table.codePattern.replaceAll('{region}', region).replaceAll('{category_code}', categoryCode);
  // Compiled once per pattern: every power of a department and category has the same one.
  let compiled = compiledPatterns.get(source);
  if (!compiled) {
    compiled = RE2JS.compile(source);
    compiledPatterns.set(source, compiled);
  }
  return { source, test: (code) => code.length <= MAX_CODE_LENGTH && compiled.matcher(code).find() };
}

/** Why a code_pattern cannot be used (RE2 syntax, without backreferences or lookaround), or undefined. */
export function codePatternProblem(pattern: string): string | undefined {
  if (pattern.length > 200) return `code_pattern 过长（${pattern.length} 个字符，上限 200）`;
  try {
    RE2JS.compile(pattern.replaceAll('{region}', '000000').replaceAll('{category_code}', 'XX'));
    return undefined;
  } catch (error) {
    return `code_pattern 不是有效的正则表达式（${(error as Error).message.replace(/^error parsing regexp: /, '')}）：只支持不含回溯引用和前后查找的正则写法，例如 ^{region}-[A-Z]{2,6}-{category_code}-\\d{3}(-\\d{2})?$`;
  }
}
