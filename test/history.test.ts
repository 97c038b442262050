import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkContentAt } from '../src/model/check.ts';
import { diffSnapshots } from '../src/generators/diff/content-diff.ts';
import { diffToMarkdown } from '../src/generators/diff/render-markdown.ts';
import { checkLaws } from '../src/generators/laws-check.ts';
import { readContentHistory } from '../src/history/content-history.ts';
import { snapshotAtRevision } from '../src/history/revisions.ts';
import { fixtureRepo } from './helpers/git-repo.ts';
import { BASE_FIXTURE } from './helpers/content.ts';

const XK = 'content/powers/test-dept/410100-CS-XK-001.md';
const CF = 'content/powers/test-dept/410100-CS-CF-001.md';
const repo = fixtureRepo();
const commits: Record<string, string> = {};
const lawName = (id: string) => ({ csf: '测试条例', xzxkf: '行政许可法', xzcff: '行政处罚法' })[id] ?? id;

beforeAll(() => {
  commits.initial = repo.commit('初始清单', '2024-01-10');

  // Only the 受理 limit changes; citations are reordered and a list is rewritten in another order.
  repo.edit(XK, 'limit: 5个工作日', 'limit: 3个工作日');
  repo.edit(XK, 'status: 有效', 'status: 有效\nchange_note: 受理期限由5个工作日压缩为3个工作日');
  repo.edit(XK, 'target: [法人, 其他组织]', 'target:   [其他组织,  法人]');
  const text = repo.read(XK);
  const [head, rest] = text.split('basis:\n');
  const [citations, tail] = rest!.split('stages:\n');
  const [first, second] = citations!.split(/(?=  - law: csf)/);
  repo.write(XK, `${head}basis:\n${second}${first}stages:\n${tail}`);
  commits.limit = repo.commit('压缩受理期限', '2024-03-01');

  // The penalty moves to another department: same code, moved file.
  repo.write('content/departments/test-dept2.yaml', repo.read('content/departments/test-dept.yaml').replace('id: test-dept', 'id: test-dept2').replace('name: 测试市应急管理局', 'name: 测试市城市管理局'));
  repo.move(CF, 'content/powers/test-dept2/410100-CS-CF-001.md');
  commits.move = repo.commit('执法事项划转至城市管理局', '2024-05-01');

  // The regulation is amended: its 第三条 becomes 第四条 with a shorter limit, a new 第三条 is inserted.
  repo.edit('content/laws/csf.yaml', '    articles: 5\n', '    articles: 5\n  - date: 2024-06-01\n    kind: 修正\n    articles: 6\n');
  repo.write('content/laws/csf/2024-06-01.md', execFileSync('cat', [join(BASE_FIXTURE, '../statutes/csf-2024-06-01.md')], { encoding: 'utf8' }));
  commits.amend = repo.commit('登记《测试条例》2024年修正', '2024-06-15');

  repo.edit(XK, 'article: 第三条第二款第二项\n    version: 2020-01-01', 'article: 第四条第二款第二项\n    version: 2024-06-01');
  commits.follow = repo.commit('依据《测试条例》2024年修正调整实施依据', '2024-07-01');
});

afterAll(() => repo.remove());

describe('diff between revisions', () => {
  it('reports only meaningful field changes: reordered citations and lists are not changes', () => {
    const a = snapshotAtRevision(repo.content, commits.initial!);
    const b = snapshotAtRevision(repo.content, commits.limit!);
    const diff = diffSnapshots(a.snapshot, b.snapshot, { from: 'A', to: 'B' });
    expect(diff.powers).toEqual([
      {
        kind: 'modified',
        id: '410100-CS-XK-001',
        name: '测试许可证核发',
        department: 'test-dept',
        fromFile: 'content/powers/test-dept/410100-CS-XK-001.md',
        toFile: 'content/powers/test-dept/410100-CS-XK-001.md',
        changes: [{ kind: 'changed', field: '责任事项「受理」·期限', entity: 'stage:受理', name: '期限', before: '5个工作日', after: '3个工作日' }],
        changeNote: '受理期限由5个工作日压缩为3个工作日',
      },
    ]);
    expect(diff.departments).toEqual([]);
    expect(diff.laws).toEqual([]);
  });

  it('shows renames, new departments, law versions and citation changes over the whole period, as Markdown', () => {
    const a = snapshotAtRevision(repo.content, commits.initial!);
    const b = snapshotAtRevision(repo.content, commits.follow!);
    const md = diffToMarkdown(diffSnapshots(a.snapshot, b.snapshot, { from: '2024-01-10', to: '2024-07-01' }));
    expect(md).toBe(`## 权责清单变更：2024-01-10 → 2024-07-01

事项：新增 0 项，删除 0 项，修改 1 项，移动 1 项；部门变化 1 个；法律法规变化 1 部。

### 职权事项

#### 移动：对测试违法行为的行政处罚（410100-CS-CF-001）

文件：\`content/powers/test-dept/410100-CS-CF-001.md\` → \`content/powers/test-dept2/410100-CS-CF-001.md\`

#### 修改：测试许可证核发（410100-CS-XK-001）

> 变更说明：受理期限由5个工作日压缩为3个工作日

| 字段 | 修改前 | 修改后 |
| --- | --- | --- |
| 实施依据《测试条例》第三条第二款第二项 | 版本：2020-01-01；引文：……有下列情形之一的，不予许可：……（二）经营场所不符合安全条件的。 | — |
| 实施依据《测试条例》第四条第二款第二项 | — | 版本：2024-06-01；引文：……有下列情形之一的，不予许可：……（二）经营场所不符合安全条件的。 |
| 责任事项「受理」·期限 | 5个工作日 | 3个工作日 |

### 部门

#### 新增：测试市城市管理局（test-dept2）

### 法律法规

#### 修改：测试条例（csf）

| 字段 | 修改前 | 修改后 |
| --- | --- | --- |
| 版本 2024-06-01 | — | 类型：修正 |

`);
  });

  it('compares with the work tree, and shows long text changes character by character', () => {
    repo.edit(XK, 'duty: 监督检查持证单位。', 'duty: 依法监督检查持证单位的经营活动，发现违法行为及时处理。');
    try {
      const a = snapshotAtRevision(repo.content, 'HEAD');
      const b = snapshotAtRevision(repo.content, 'worktree');
      const [change] = diffSnapshots(a.snapshot, b.snapshot, { from: 'HEAD', to: '工作区' }).powers[0]!.changes;
      expect(change!.field).toBe('责任事项「事后监管」·职责');
      expect(change!.pieces).toEqual([
        { op: 'added', text: '依法' },
        { op: 'same', text: '监督检查持证单位' },
        { op: 'added', text: '的经营活动，发现违法行为及时处理' },
        { op: 'same', text: '。' },
      ]);
    } finally {
      repo.git(['checkout', '--', XK]);
    }
  });
});

describe('history from git', () => {
  it('gives each power its timeline with dates, times, change notes and field changes (never commit messages), following moves', () => {
    const history = readContentHistory(repo.content, lawName);
    if (!history.available) throw new Error(history.reason);
    const summary = (code: string) => history.byCode.get(code)!.map((r) => `${r.date} ${r.kind}${r.changeNote ? ` [${r.changeNote}]` : ''}: ${r.changes.map((c) => c.field).join('、')}`);
    expect(summary('410100-CS-XK-001')).toEqual([
      '2024-07-01 modified: 实施依据《测试条例》第三条第二款第二项、实施依据《测试条例》第四条第二款第二项',
      '2024-03-01 modified [受理期限由5个工作日压缩为3个工作日]: 责任事项「受理」·期限',
      '2024-01-10 added: ',
    ]);
    expect(summary('410100-CS-CF-001')).toEqual(['2024-05-01 renamed: ', '2024-01-10 added: ']);
    expect(history.commits.map((c) => `${c.time} (${c.revisions.length})`)).toEqual([
      '2024-07-01T10:00:00+08:00 (1)',
      '2024-05-01T10:00:00+08:00 (1)',
      '2024-03-01T10:00:00+08:00 (1)',
      '2024-01-10T10:00:00+08:00 (2)',
    ]);
    // The commit messages are not kept at all: nothing downstream can show them.
    expect(JSON.stringify([...history.byCode.values()].flat().map(({ record: _, text: __, ...r }) => r))).not.toMatch(/初始清单|压缩受理期限|划转|依据《测试条例》2024年修正/);
    expect(history.lastChange?.date).toBe('2024-07-01');
  });

  it('refuses to give dates from a shallow clone', () => {
    const shallow = mkdtempSync(join(tmpdir(), 'quanze-shallow-'));
    try {
      execFileSync('git', ['clone', '-q', '--depth', '1', `file://${repo.dir}`, shallow]);
      const history = readContentHistory(join(shallow, 'content'), lawName);
      expect(history).toEqual({
        available: false,
        reason: '当前仓库是浅克隆（git clone --depth），缺少完整历史，不能确定变更日期；请用完整历史构建（git fetch --unshallow）',
      });
      expect(() => snapshotAtRevision(join(shallow, 'content'), 'HEAD~1')).toThrow('浅克隆');
    } finally {
      rmSync(shallow, { recursive: true, force: true });
    }
  });
});

describe('law amendments', () => {
  it('lists the citation of the old version and says the article moved and changed, and which articles are new', () => {
    repo.git(['checkout', '-q', commits.amend!]);
    try {
      const result = checkContentAt(repo.content, { relativeTo: repo.dir });
      expect(result.findings.map((f) => `${f.file.split('/').pop()} ${f.rule} ${f.field}`)).toEqual([
        '410100-CS-XK-001.md stale-citation basis.0.version',
        '410100-CS-CF-001.md stale-citation basis.1.version',
      ]);
      const report = checkLaws(result.model!);
      // The two 实施依据, then the 裁量基准's 违反条款 and 处罚依据 (no version named, so the basis's).
      expect(report.citations.map((x) => `${x.code} ${x.kind}`)).toEqual(['410100-CS-XK-001 basis', '410100-CS-CF-001 basis', '410100-CS-CF-001 violated', '410100-CS-CF-001 penalty-basis']);
      const [c, penalty] = report.citations;
      expect(c).toMatchObject({ code: '410100-CS-XK-001', article: '第三条第二款第二项', cited: '2020-01-01', latest: { date: '2024-06-01', kind: '修正' }, reason: 'outdated-version' });
      expect(c!.fate).toMatchObject({ status: 'moved', to: '第四条第二款第二项', changed: true });
      expect(penalty!.fate).toMatchObject({ status: 'moved', to: '第五条', changed: true });
      expect(report.byDepartment.map((g) => g.department.id)).toEqual(['test-dept', 'test-dept2']);
      expect(report.newArticles).toEqual([{ law: 'csf', short: '测试条例', from: '2020-01-01', to: '2024-06-01', articles: ['第三条'] }]);
    } finally {
      repo.git(['checkout', '-q', 'main']);
    }
  });
});
