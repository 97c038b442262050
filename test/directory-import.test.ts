import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import { levelsOf } from '../src/generators/directory/import-directory.ts';

// Each import validates the whole sample content first, in a child process.
vi.setConfig({ testTimeout: 120_000 });

const BIN = resolve('bin/quanze.mjs');
const REAL = resolve('test/fixtures/real-lists');
const temps: string[] = [];
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

function sampleCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'quanze-directory-import-'));
  temps.push(dir);
  cpSync(resolve('content'), join(dir, 'content'), { recursive: true });
  return dir;
}

function quanze(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface Item {
  code: string;
  name: string;
  category: string;
  parent?: string;
  levels: string[];
}

describe('quanze directory import (the list importer reading a published directory)', () => {
  it('reads a published catalogue saved by Excel as GB18030 CSV: every row, code from 序号, category column, --levels', () => {
    const cwd = sampleCopy();
    const r = quanze(cwd, 'directory', 'import', join(REAL, 'anhui-guichi-catalogue.csv'), '--id', 'ah-gc-fgw', '--issuer', '池州市贵池区人民政府', '--level', '县级', '--published', '2025-06-30', '--levels', '县级');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('共 13 行：目录事项 10 项（10 行），结构行 3，未导入 0。');
    const directory = parse(readFileSync(join(cwd, 'content/directory/ah-gc-fgw.yaml'), 'utf8'));
    // The published table (https://www.ahgc.gov.cn/OpennessContent/show/1499201.html), rows 1–10.
    expect(directory.title).toBe('池州市贵池区区级政府权责清单目录(2023年本)');
    expect(directory.items.map((i: Item) => [i.code, i.category])).toEqual([
      ['1', '行政许可'], ['2', '行政许可'], ['3', '行政许可'], ['4', '行政许可'], ['5', '行政许可'],
      ['6', '行政处罚'], ['7', '行政处罚'], ['8', '行政处罚'], ['9', '行政处罚'], ['10', '行政处罚'],
    ]);
    expect(directory.items[1].name).toBe('固定资产投资项目节能审查');
    expect(directory.items[8].name).toBe('对违反《中华人民共和国节约能源法》有关规定,无偿向本单位职工提供能源或者对能源消费实行包费制的处罚');
    expect(directory.items.every((i: Item) => i.levels.join() === '县级' && i.parent === undefined)).toBe(true);
    // The written directory is content like any other: the sample still validates with it.
    expect(quanze(cwd, 'validate').code).toBe(0);
  });

  it('reads 主项/子项 with merged cells and a 行使层级 column from an XLSX catalogue; a 主项 spans its 子项 levels', () => {
    const cwd = sampleCopy();
    const r = quanze(cwd, 'directory', 'import', join(REAL, 'mirror-dangan-catalogue.xlsx'), '--id', 'dangan', '--issuer', '市委办公室（市档案局）', '--level', '市级', '--published', '2022-12-01', '--format', 'json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.rows).toEqual({ total: 16, items: 12, structure: 4, skipped: 0 });
    const items: Item[] = out.items;
    // Written from the published table: 12 rows, 5 主项 with 子项 (9 子项 rows) and 3 items without.
    expect(items.map((i) => [i.code, i.parent ?? null, i.category, i.levels.join('、')])).toEqual([
      ['1', null, '其他行政权力', '市级、县级'],
      ['1-01', '1', '其他行政权力', '市级'],
      ['1-02', '1', '其他行政权力', '县级'],
      ['3', null, '行政强制', '市级、县级'],
      ['4', null, '行政许可', '市级、县级'],
      ['5', null, '行政处罚', '市级'],
      ['6', null, '行政许可', '市级'],
      ['6-01', '6', '行政许可', '市级'],
      ['7', null, '行政奖励', '市级'],
      ['8', null, '其他行政权力', '市级、县级'],
      ['8-01', '8', '其他行政权力', '市级'],
      ['8-02', '8', '其他行政权力', '县级'],
      ['10', null, '其他行政权力', '市级、县级'],
      ['10-01', '10', '其他行政权力', '市级'],
      ['10-02', '10', '其他行政权力', '县级'],
      ['12', null, '其他行政权力', '市级'],
      ['12-01', '12', '其他行政权力', '市级'],
    ]);
    expect(items.find((i) => i.code === '1-02')!.name).toBe('对县(区、市)属国有企业文件材料归档范围和保管期限表的审查');
    expect(out.written).toBe('content/directory/dangan.yaml');
  });

  it('accounts for a row it cannot read, exits 1 and writes nothing', () => {
    const cwd = sampleCopy();
    const r = quanze(cwd, 'directory', 'import', join(REAL, 'chongqing-qijiang-zjzf.xlsx'), '--id', 'qj', '--issuer', '綦江区', '--level', '县级', '--published', '2025-06-30', '--levels', '乡级');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/第 4 行　未导入：没有职权类别：表中没有类别列或类别标题；请用 --category 指定/);
    expect(r.stdout).toContain('共 4 行：目录事项 0 项（0 行），结构行 3，未导入 1。');
    expect(existsSync(join(cwd, 'content/directory/qj.yaml'))).toBe(false);
  });

  it('refuses what the directory checks refuse and explains usage errors in Chinese with exit 2', () => {
    const cwd = sampleCopy();
    const args = ['directory', 'import', join(REAL, 'anhui-guichi-catalogue.csv'), '--issuer', 'x', '--level', '县级', '--published', '2025-06-30', '--levels', '县级'];
    expect(quanze(cwd, ...args, '--id', 'ha-yjgl').stderr).toContain('content/directory/ha-yjgl.yaml 已存在：加 --force 覆盖');
    const bad = quanze(cwd, ...args, '--id', '../x');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--id 应为小写字母、数字和连字符（也是文件名 content/directory/<目录标识>.yaml）：../x');
    const noLevels = quanze(cwd, 'directory', 'import', join(REAL, 'anhui-guichi-catalogue.csv'), '--id', 'a', '--issuer', 'x', '--level', '县级', '--published', '2025-06-30');
    expect(noLevels.code).toBe(1);
    expect(noLevels.stdout).toContain('没有行使层级：表中没有「行使层级」列；请用 --levels 指定');
    const date = quanze(cwd, ...args, '--id', 'a', '--published', '2025-13-01');
    expect(date.code).toBe(1);
    expect(date.stdout).toMatch(/content\/directory\/a\.yaml:\d+:\d+: error: published: .*\n目录未通过校验，未写入/);
    expect(quanze(cwd, 'directory').code).toBe(2);
    expect(quanze(cwd, 'directory', 'import', '/dev/zero', '--id', 'z', '--issuer', 'x', '--level', '县级', '--published', '2025-06-30').stderr).toContain('/dev/zero 不是普通文件');
    // A content/directory folder that is a link out of the repository is refused before reading anything.
    rmSync(join(cwd, 'content/directory'), { recursive: true });
    symlinkSync(tmpdir(), join(cwd, 'content/directory'));
    const linked = quanze(cwd, ...args, '--id', 'linked');
    expect(linked.code).toBe(2);
    expect(linked.stderr).toContain('符号链接');
    expect(existsSync(join(tmpdir(), 'linked.yaml'))).toBe(false);
  });

  it('reads the ways lists write 行使层级', () => {
    expect(levelsOf('省级、市级、县级')).toEqual(['省级', '市级', '县级']);
    expect(levelsOf('市、县')).toEqual(['市级', '县级']);
    expect(levelsOf('县（市、区）级')).toEqual(['县级']);
    expect(levelsOf('乡镇（街道）')).toEqual(['乡级']);
    expect(levelsOf('国家级')).toEqual([]);
  });
});
