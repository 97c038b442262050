import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';

/**
 * A deterministic generator of city-scale content: it takes the sample departments and powers as
 * templates and writes `count` powers over `departments` departments, each with its own code,
 * a varied Chinese name and the template's citations and stages. Same arguments, same files.
 */
export function generateContent(target: string, count: number, departments = 40, source = 'content'): void {
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  for (const entry of ['stages.yaml', 'site.yaml', 'flows', 'laws', 'search']) cpSync(join(source, entry), join(target, entry), { recursive: true });

  const deptFiles = readdirSync(join(source, 'departments')).sort();
  const templates = deptFiles.map((file) => {
    const dept = parse(readFileSync(join(source, 'departments', file), 'utf8'));
    const dir = join(source, 'powers', dept.id);
    const powers = readdirSync(dir)
      .sort()
      .map((f) => readFileSync(join(dir, f), 'utf8'))
      .filter((text) => !/^parent:/m.test(text));
    return { dept, powers };
  });

  const random = mulberry32(20261125);
  const districts = ['中原区', '二七区', '管城回族区', '金水区', '上街区', '惠济区', '巩义市', '荥阳市', '新密市', '新郑市', '登封市', '中牟县'];
  const places = ['仓储', '加油站', '商场', '工业园区', '农贸市场', '物流园', '建筑工地', '学校周边', '景区', '码头'];
  mkdirSync(join(target, 'departments'));
  let written = 0;
  for (let d = 0; d < departments; d++) {
    const template = templates[d % templates.length]!;
    const id = `${template.dept.id}-${String(d).padStart(3, '0')}`;
    const prefix = `B${String.fromCharCode(65 + (d % 26))}${String.fromCharCode(65 + Math.floor(d / 26) % 26)}`;
    const dept = { ...template.dept, id, name: `${districts[d % districts.length]}${template.dept.name.replace(/^郑州市/, '')}（第${d + 1}组）` };
    writeFileSync(join(target, 'departments', `${id}.yaml`), stringify(dept));
    mkdirSync(join(target, 'powers', id), { recursive: true });
    const share = Math.floor(count / departments) + (d < count % departments ? 1 : 0);
    const seq = new Map<string, number>();
    for (let i = 0; i < share; i++) {
      const text = template.powers[i % template.powers.length]!;
      const category = /^code: \d{6}-[A-Z]+-([A-Z]+)-/m.exec(text)![1]!;
      const n = (seq.get(category) ?? 0) + 1;
      seq.set(category, n);
      const code = `410100-${prefix}-${category}-${String(n).padStart(3, '0')}`;
      const place = places[Math.floor(random() * places.length)]!;
      const out = text
        .replace(/^code: .*$/m, `code: ${code}`)
        .replace(/^name: (.*)$/m, (_, name: string) => `name: ${name.replace(/的(行政处罚|监督检查)$/, `（${place}）的$1`)}${name.endsWith('罚') || name.endsWith('查') ? '' : `（${place}第${n}项）`}`);
      writeFileSync(join(target, 'powers', id, `${code}.md`), out);
      written++;
    }
  }
  if (written !== count) throw new Error(`generated ${written} powers, wanted ${count}`);
}

function mulberry32(seed: number) {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
