import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse, stringify } from 'yaml';

/**
 * A deterministic generator of city-scale content: it takes the sample departments and powers as
 * templates and writes `count` powers over `departments` departments, each with its own code,
 * a varied Chinese name and the template's citations and stages. As in real lists, posts and
 * promised time limits vary from power to power: each stage goes to one of several posts of its
 * kind (受理岗, 受理一岗, 受理二岗…) and each limit is the template's or shorter (a promised limit
 * never exceeds the statutory one), so nearly every power's flowchart is its own.
 * Same arguments, same files.
 */
export function generateContent(target: string, count: number, departments = 40, source = 'content'): Map<string, string> {
  // Each power file as it would be without varied stages: what keepValid falls back to.
  const plain = new Map<string, string>();
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  // Everything but the departments and powers, which are generated: a new kind of content file comes along by itself.
  for (const entry of readdirSync(source)) if (entry !== 'departments' && entry !== 'powers') cpSync(join(source, entry), join(target, entry), { recursive: true });

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
    const units: SyntheticUnit[] = template.dept.units.map((u: SyntheticUnit) => ({ ...u, posts: [...u.posts, ...u.posts.flatMap(postVariants)] }));
    const dept = { ...template.dept, id, units, name: `${districts[d % districts.length]}${template.dept.name.replace(/^郑州市/, '')}（第${d + 1}组）` };
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
      const ownUnit = /^unit: (\S+)$/m.exec(text)?.[1];
      const named = (t: string) => t
        .replace(/^code: .*$/m, `code: ${code}`)
        .replace(/^name: (.*)$/m, (_, name: string) => `name: ${name.replace(/的(行政处罚|监督检查)$/, `（${place}）的$1`)}${name.endsWith('罚') || name.endsWith('查') ? '' : `（${place}第${n}项）`}`);
      const file = join(target, 'powers', id, `${code}.md`);
      writeFileSync(file, named(varyStages(text, random, units, ownUnit)));
      plain.set(resolve(file), named(text));
      written++;
    }
  }
  if (written !== count) throw new Error(`generated ${written} powers, wanted ${count}`);
  return plain;
}

/**
 * A shortened limit can contradict the article its stage cites (the validator holds promised
 * limits to the statute's day type): such powers keep their template's stages unvaried, so the
 * bench builds valid content.
 */
export function keepValid(target: string, plain: Map<string, string>, check: (dir: string) => { findings: { severity: string; file: string }[] }): number {
  const bad = new Set(check(target).findings.filter((f) => f.severity === 'error').map((f) => resolve(f.file)));
  for (const file of bad) {
    const text = plain.get(file);
    if (!text) throw new Error(`synthetic content has an error outside the power files: ${file}`);
    writeFileSync(file, text);
  }
  return bad.size;
}

/** Posts of one kind that a large department splits a stage between: 受理岗 → 受理一岗 … 受理五岗. */
function postVariants(post: string): string[] {
  return post.endsWith('岗') ? ['一', '二', '三', '四', '五'].map((n) => post.replace(/岗$/, `${n}岗`)) : [];
}

interface SyntheticUnit {
  id: string;
  posts: string[];
}

/**
 * Each stage to one of the posts of its kind, or now and then to another unit of the department
 * (法制审核 by the legal office…), and each time limit the template's or shorter.
 */
function varyStages(text: string, random: () => number, units: SyntheticUnit[], ownUnit: string | undefined): string {
  const match = /^---\n([\s\S]*?)\n---\n?([\s\S]*)$/.exec(text);
  if (!match) return text;
  const data = parse(match[1]!);
  const others = units.filter((u) => u.id !== ownUnit);
  for (const stage of data.stages ?? []) {
    if (stage.stage === '其他') continue;
    if (!stage.unit && others.length && random() < 0.3) {
      const other = pick(random, others);
      stage.unit = other.id;
      stage.post = pick(random, other.posts);
    } else if (stage.post) stage.post = pick(random, [stage.post, ...postVariants(stage.post)]);
    if (stage.limit?.days) stage.limit.days = shorterLimit(random, stage.limit.days);
  }
  return `---\n${stringify(data, { lineWidth: 0 })}---\n${match[2]}`;
}

/** A promised limit: the statutory one or up to two thirds shorter. */
function shorterLimit(random: () => number, days: number): number {
  const least = Math.ceil(days / 3);
  return least + Math.floor(random() * (days - least + 1));
}

function pick<T>(random: () => number, items: T[]): T {
  return items[Math.floor(random() * items.length)]!;
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
