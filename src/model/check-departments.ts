import { departmentSchema } from '../schema/department.ts';
import { reporter, type Finding } from './findings.ts';
import { parseWithSchema } from './parse-file.ts';
import { yamlStem, type YamlSource } from './source-file.ts';
import type { DepartmentModel } from './types.ts';

export function checkDepartments(sources: YamlSource[], findings: Finding[]): Map<string, DepartmentModel> {
  const departments = new Map<string, DepartmentModel>();
  for (const source of sources) {
    const dept = parseWithSchema(departmentSchema, source, findings);
    if (!dept) continue;
    const report = reporter(source, findings);
    const stem = yamlStem(source.file);
    if (stem !== dept.id) report(['id'], 'id-filename', `部门标识「${dept.id}」应与文件名「${stem}」一致`);
    if (departments.has(dept.id)) {
      report(['id'], 'duplicate-id', `部门标识「${dept.id}」重复（另见 ${departments.get(dept.id)!.file}）`);
      continue;
    }
    const unitById = new Map<string, (typeof dept.units)[number]>();
    dept.units.forEach((unit, i) => {
      if (unitById.has(unit.id)) report(['units', i, 'id'], 'duplicate-id', `机构标识「${unit.id}」在本部门重复`);
      else unitById.set(unit.id, unit);
      unit.posts.forEach((post, j) => {
        if (unit.posts.indexOf(post) !== j) report(['units', i, 'posts', j], 'duplicate-post', `岗位「${post}」在${unit.name}重复`);
      });
    });
    departments.set(dept.id, { ...dept, file: source.file, unitById });
  }
  return departments;
}
