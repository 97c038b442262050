import { derivedLists } from '../derived-lists/index.ts';
import { codeRegex } from '../model/stage-table.ts';
import type { Model } from '../model/types.ts';
import { needsFacts } from './flowchart/limits.ts';

export interface ScaffoldRequest {
  department: string;
  category: string;
  procedure?: string;
  name?: string;
  unit?: string;
  code?: string;
}

export type ScaffoldResult = { ok: true; code: string; text: string } | { ok: false; error: string };

const TODO = '待填写';

/**
 * Writes a new power file with the category's stages in order, a post guessed for each stage and a
 * comment on every field, so that a department starts from a file that is already well-formed.
 */
export function scaffoldPower(model: Model, request: ScaffoldRequest): ScaffoldResult {
  const department = model.departments.find((d) => d.id === request.department);
  if (!department) return { ok: false, error: `没有部门「${request.department}」；可选：${model.departments.map((d) => d.id).join('、')}` };
  const category = model.stageTable.categories.find((c) => c.name === request.category);
  if (!category) return { ok: false, error: `没有职权类别「${request.category}」；可选：${model.stageTable.categories.map((c) => c.name).join('、')}` };
  let procedure = category.procedures[0]!;
  if (category.hasVariants) {
    const names = category.procedures.map((p) => p.name);
    const found = category.procedures.find((p) => p.name === request.procedure);
    if (!found) return { ok: false, error: `${category.name}须用 --procedure 指定程序：${names.join('、')}` };
    procedure = found;
  }
  const unit = request.unit ? department.unitById.get(request.unit) : department.units[0];
  if (!unit) return { ok: false, error: `部门 ${department.id} 没有机构「${request.unit}」；可选：${department.units.map((u) => u.id).join('、')}` };

  const code = request.code ?? nextCode(model, department.id, department.region, category.code);
  if (!codeRegex(model.stageTable, department.region, category.code).test(code)) {
    return { ok: false, error: `事项编码「${code}」不符合 stages.yaml 的 code_pattern` };
  }
  const stageNames = procedure.stages === 'free' ? ['环节一', '环节二'] : procedure.stages.map((s) => s.name);
  const q = (s: string) => JSON.stringify(s);
  const lines = [
    '---',
    `# 事项编码：全站唯一且稳定，文件名须与之一致`,
    `code: ${code}`,
    `# 职权名称`,
    `name: ${q(request.name ?? TODO)}`,
    `# 职权类别（见 content/stages.yaml）`,
    `category: ${category.name}`,
    ...(category.hasVariants ? [`# 程序：${category.procedures.map((p) => p.name).join(' / ')}`, `procedure: ${procedure.name}`] : []),
    `# 承办机构：${department.units.map((u) => `${u.id}=${u.name}`).join('，')}`,
    `unit: ${unit.id}`,
    `# 行使层级`,
    `level: ${department.level}`,
    `# 实施对象：公民、法人、其他组织`,
    `target: [法人, 其他组织]`,
    `# 实施依据：law 为法规库中的法律标识，version 为所引用版本的日期，quote 逐字引用原文`,
    `basis:`,
    `  - law: ${TODO}`,
    `    article: 第一条`,
    `    version: ${TODO}`,
    `    quote: ${TODO}`,
    `# 责任事项：环节顺序须与环节划分参照表一致；post 为${unit.name}的岗位：${unit.posts.join('、')}`,
    `stages:`,
    ...stageNames.flatMap((stage) => [
      `  - stage: ${stage}`,
      `    post: ${guessPost(stage, unit.posts)}`,
      `    duty: ${TODO}`,
      `    # limit: 5个工作日   # 有法定期限时填写，并在 basis 中注明依据`,
    ]),
    ...(model.flows.get(procedure.flow) && needsFacts(model.flows.get(procedure.flow)!)
      ? [
          '# 强制执行事实（流程图据此选择法定路径）：by 为 本机关（须加 basis 引用授予执行权的法律条款）或 人民法院（申请人民法院强制执行）；',
          '# obligation 为 金钱给付 / 作为义务 / 拆除违法建筑物',
          'enforcement: { by: 人民法院, obligation: 作为义务 }',
        ]
      : []),
    ...(category.fee ? ['# 收费情况：收费时写 { charged: true, basis: 收费依据, standard: 收费标准 }', 'fee: { charged: false }'] : []),
    `# 状态：有效 / 暂停实施 / 已取消`,
    `status: 有效`,
    ...derivedHints(category.name),
    '---',
    '',
  ];
  return { ok: true, code, text: lines.join('\n') };
}

function guessPost(stage: string, posts: string[]): string {
  return posts.find((p) => p.startsWith(stage)) ?? posts.find((p) => p.includes(stage.slice(0, 2))) ?? posts[0]!;
}

function nextCode(model: Model, departmentId: string, region: string, categoryCode: string): string {
  const sameDepartment = model.powers.filter((p) => p.department.id === departmentId);
  const prefix = sameDepartment.map((p) => /^[^-]+-([A-Z]+)-/.exec(p.code)?.[1]).find(Boolean) ?? 'XX';
  const used = new Set(model.powers.map((p) => p.code));
  for (let n = 1; n < 1000; n++) {
    const code = `${region}-${prefix}-${categoryCode}-${String(n).padStart(3, '0')}`;
    if (!used.has(code)) return code;
  }
  return `${region}-${prefix}-${categoryCode}-999`;
}

/** Commented examples of the optional fields behind the other public lists (each registered list's hints), by category. */
function derivedHints(category: string): string[] {
  return ['# 以下为可选字段，用于生成其他公开清单（按需删去行首 # 并填写）：', ...derivedLists.flatMap((l) => l.hints(category))];
}
