/**
 * Every rule a finding can name: its id (printed at the end of each finding, as remark-lint does),
 * its severity and a short Chinese title. A finding's severity always comes from here, so one rule
 * never means an error in one place and a warning in another. The user docs list every rule with
 * an example taken from the bad-case corpus (docs/rules.md, generated and checked by
 * test/rules.test.ts); each rule has at least one corpus case that produces it.
 *
 * This is code behaviour, not data officials edit: a new rule is a new line here, and the compiler
 * rejects a rule id that is not one of these.
 */
export interface RuleDef {
  severity: 'error' | 'warning';
  /** Short Chinese title, for the rules page and summaries. */
  title: string;
  /** The group it is listed under on the rules page. */
  area: RuleArea;
}

export const RULE_AREAS = ['读取文件', '字段格式', '文字与正文安全', '环节划分参照表与流程模板', '标识、部门与岗位', '法律与全文', '法律引用', '事项', '责任事项环节与期限', '派生清单', '调整记录', '上级目录', '与上级目录对照', '变更记录'] as const;
export type RuleArea = (typeof RULE_AREAS)[number];

const error = (area: RuleArea, title: string): RuleDef => ({ severity: 'error', title, area });
const warning = (area: RuleArea, title: string): RuleDef => ({ severity: 'warning', title, area });

export const RULES = {
  // Reading files (src/model/load.ts, source-file.ts)
  'missing-file': error('读取文件', '缺少必需的文件'),
  'misplaced-file': error('读取文件', '文件位置或名称不对'),
  'frontmatter-missing': error('读取文件', '事项文件缺少 YAML 头部'),
  'empty-file': error('读取文件', '文件或 YAML 头部为空'),
  symlink: error('读取文件', '符号链接不被读取'),
  'not-a-file': error('读取文件', '不是普通文件'),
  'hidden-file': warning('读取文件', '隐藏文件不被读取'),
  'unread-file': warning('读取文件', '文件类型不符，不被读取'),
  'file-too-large': error('读取文件', '文件过大'),
  encoding: error('读取文件', '不是 UTF-8 编码'),
  'encoding-bom': warning('读取文件', '文件以 BOM 开头'),
  'yaml-syntax': error('读取文件', 'YAML 格式错误'),
  'yaml-tag': error('读取文件', '不支持的 YAML 标签'),
  'yaml-alias': error('读取文件', 'YAML 别名过多或无法解析'),
  // Field formats (the zod schemas, src/model/zod-findings.ts)
  required: error('字段格式', '缺少必填字段'),
  type: error('字段格式', '字段类型不对'),
  enum: error('字段格式', '不是可选的值'),
  size: error('字段格式', '数量、长度或大小超出范围'),
  format: error('字段格式', '格式不对'),
  value: error('字段格式', '值不符合要求'),
  'unknown-key': error('字段格式', '未知字段'),
  // Text fields and bodies
  'markup-in-text': error('文字与正文安全', '文字字段含 HTML 标签'),
  'control-character': error('文字与正文安全', '含控制字符'),
  'mdx-syntax': error('文字与正文安全', '正文 MDX 语法错误'),
  'mdx-import': error('文字与正文安全', '正文使用 import/export'),
  'mdx-expression': error('文字与正文安全', '正文使用 { } 表达式'),
  'mdx-jsx': error('文字与正文安全', '正文使用组件或标签'),
  'unsafe-html': error('文字与正文安全', '正文含不安全的 HTML'),
  'raw-html': warning('文字与正文安全', '正文含 HTML 标签'),
  'outside-image': error('文字与正文安全', '正文图片来自其他网站'),
  'unsafe-link': error('文字与正文安全', '正文链接协议不安全'),
  // Stage table and flow templates
  'code-pattern': error('环节划分参照表与流程模板', '编码格式 code_pattern 无效'),
  'unknown-flow': error('环节划分参照表与流程模板', '流程模板不存在'),
  'flow-category': error('环节划分参照表与流程模板', '流程模板不适用于该职权类别'),
  'flow-stage-missing': error('环节划分参照表与流程模板', '流程模板缺少某环节的节点'),
  'flow-stage-unknown': error('环节划分参照表与流程模板', '流程节点的环节不属于该类别'),
  'flow-limit-text': error('环节划分参照表与流程模板', '流程节点的期限无法识别'),
  'flow-limit-day-type': error('环节划分参照表与流程模板', '流程节点期限的日与工作日与法律不符'),
  // Departments (and every file with an id)
  'id-filename': error('标识、部门与岗位', '标识与文件名不一致'),
  'duplicate-id': error('标识、部门与岗位', '标识重复'),
  'duplicate-post': error('标识、部门与岗位', '岗位重复'),
  'empty-department': warning('标识、部门与岗位', '部门还没有事项'),
  // Laws and statute texts
  'duplicate-version': error('法律与全文', '版本日期重复'),
  'version-order': error('法律与全文', '版本未按日期排列'),
  'repealed-date': error('法律与全文', '废止日期与时效性不一致'),
  'statute-format': error('法律与全文', '全文中没有识别出条文'),
  // Citations of law articles
  'unknown-law': error('法律引用', '法规库中没有该法律'),
  'unknown-version': error('法律引用', '法律没有该版本'),
  'repealed-law': error('法律引用', '引用已废止的法律'),
  'unknown-article': error('法律引用', '条款不存在'),
  'quote-mismatch': error('法律引用', '引文与原文不符'),
  'quote-omission': error('法律引用', '引文的省略不当'),
  'quote-missing': warning('法律引用', '缺少引文'),
  'duplicate-citation': warning('法律引用', '重复引用同一条款'),
  'stale-citation': warning('法律引用', '引用的不是最新版本'),
  // Powers
  'duplicate-code': error('事项', '编码重复'),
  'code-filename': error('事项', '文件名与事项编码不一致'),
  'code-format': error('事项', '事项编码不符合格式'),
  'unknown-department': error('事项', '部门不存在'),
  'unknown-category': error('事项', '职权类别不存在'),
  'procedure-required': error('事项', '缺少程序'),
  'unknown-procedure': error('事项', '程序不存在'),
  'procedure-not-allowed': error('事项', '该类别没有程序之分'),
  'unknown-unit': error('事项', '承办机构不存在'),
  'parent-self': error('事项', '主项是事项自己'),
  'unknown-parent': error('事项', '主项不存在'),
  'parent-category': error('事项', '子项与主项类别不同'),
  'parent-nested': error('事项', '子项下又设子项'),
  'fee-required': error('事项', '缺少收费情况'),
  'promised-over-statutory': error('事项', '承诺时限长于法定时限'),
  // Stages and limits
  'stage-order': error('责任事项环节与期限', '环节顺序不对'),
  'duplicate-stage': error('责任事项环节与期限', '环节重复'),
  'stage-missing': error('责任事项环节与期限', '缺少环节'),
  'redundant-other-stage': warning('责任事项环节与期限', '「其他」环节与标准表述相同'),
  'stage-no-post': warning('责任事项环节与期限', '环节没有指定岗位'),
  'unknown-post': error('责任事项环节与期限', '岗位不存在'),
  'extension-without-limit': error('责任事项环节与期限', '有延长期限而无期限'),
  'enforcement-required': error('责任事项环节与期限', '缺少强制执行信息'),
  'enforcement-basis-required': error('责任事项环节与期限', '本机关执行缺少授权依据'),
  'self-enforcement-without-power': error('责任事项环节与期限', '无强制执行权却自行执行'),
  'enforcement-unused': warning('责任事项环节与期限', '强制执行信息不被使用'),
  'stage-limit-day-type': warning('责任事项环节与期限', '期限的日与工作日与法律不符'),
  'stage-limit-uncited': error('责任事项环节与期限', '特别期限未引用设定条款'),
  'stage-limit-contradicts-article': error('责任事项环节与期限', '期限与所引条款不符'),
  'stage-limit-conflict': error('责任事项环节与期限', '期限相互矛盾'),
  // Derived lists
  'unknown-stage': error('派生清单', '不是本事项的环节'),
  'discretion-category': error('派生清单', '裁量基准只适用于行政处罚'),
  'penalty-basis-not-cited': error('派生清单', '处罚依据未列入实施依据'),
  'penalty-range-unknown': warning('派生清单', '读不出法定罚款幅度'),
  'penalty-range-unchecked': warning('派生清单', '阶次与法定幅度计量方式不同'),
  'penalty-out-of-range': error('派生清单', '阶次超出法定幅度'),
  'simple-procedure-limit': error('派生清单', '超出简易程序的罚款限额'),
  'leniency-category': error('派生清单', '清单类型与职权类别不符'),
  // Adjustment records
  'duplicate-power': error('调整记录', '事项重复列出'),
  'withdrawn-still-listed': error('调整记录', '已调出的事项仍在清单中'),
  'unknown-power': error('调整记录', '事项不在清单中'),
  'other-department-power': warning('调整记录', '事项属于其他部门'),
  'missing-successor': error('调整记录', '合并或拆分缺少承接事项'),
  'missing-receiver': error('调整记录', '下放缺少承接单位'),
  'unknown-successor': error('调整记录', '承接事项不在清单中'),
  'withdrawn-successor': error('调整记录', '承接事项已取消'),
  // Upper-level directories
  'nested-parent': error('上级目录', '目录子项下又设子项'),
  'code-scheme': error('上级目录', '目录编码不符合编码规则'),
  'code-parent': error('上级目录', '子项编码与主项不符'),
  'directory-unknown-law': warning('上级目录', '目录依据的法律不在法规库中'),
  'unknown-directory': error('上级目录', '上级目录不存在'),
  'no-directory': error('上级目录', '部门没有指定上级目录'),
  'unknown-directory-code': error('上级目录', '目录编码不在上级目录中'),
  // quanze compare --upper: the list against its directory
  'directory-missing': warning('与上级目录对照', '目录事项不在清单中'),
  'directory-closed-category': error('与上级目录对照', '清单超出目录（不得超出的类别）'),
  'directory-extra': warning('与上级目录对照', '清单事项不在目录中'),
  'directory-differs': warning('与上级目录对照', '与目录事项不一致'),
  'directory-code-unset': warning('与上级目录对照', '按名称对应，未填写目录编码'),
  // Change history (read from git at build time)
  'missing-change-note': warning('变更记录', '变更未填写变更说明'),
} as const satisfies Record<string, RuleDef>;

export type RuleId = keyof typeof RULES;

export const RULE_IDS = Object.keys(RULES) as RuleId[];

/** Where a rule is explained: its section of the rules page (the heading is the id). */
export function ruleDocUrl(rule: RuleId): string {
  return `docs/rules.md#${rule}`;
}
