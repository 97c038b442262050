import { RULES, type RuleId } from './rules.ts';

/** One problem found in the content, with its place, in the shape of `file:line:col: error: field: message (rule)`. */
export interface Finding {
  /** Always the rule's severity in the registry (src/model/rules.ts). */
  severity: 'error' | 'warning';
  rule: RuleId;
  file: string;
  line: number;
  column: number;
  /** Dotted path of the field, e.g. stages.2.post; empty for whole-file problems. */
  field: string;
  message: string;
}

export type FieldPath = ReadonlyArray<string | number>;

/** A 1-based line and column. */
export interface Place {
  line: number;
  column: number;
}

/** The start of a file: the place of whole-file problems, and of any place that cannot be found. */
export const FILE_START: Place = Object.freeze({ line: 1, column: 1 });

/**
 * The one way to build a finding, in the manner of vfile's `file.message(reason, place, origin)`:
 * a rule id from the registry, a file and place, the field and a Chinese message. The severity is
 * the rule's, never the caller's.
 *
 * A place may be given as a function, looked up when the line or column is first read: finding a
 * field's place can mean parsing its file again (quick-yaml.ts), and a build that passes reads
 * only its warnings' count (measured at 10,000 powers: 1,509 warnings, about 3 s of places).
 */
export function finding(rule: RuleId, file: string, place: Place | (() => Place), field: FieldPath | string, message: string): Finding {
  const known = typeof place === 'function' ? undefined : place;
  const result = {
    severity: RULES[rule].severity,
    rule,
    file,
    line: known?.line ?? 0,
    column: known?.column ?? 0,
    field: typeof field === 'string' ? field : formatFieldPath(field),
    message,
  };
  if (typeof place === 'function') {
    let found: Place | undefined;
    const at = () => (found ??= place());
    // Own, enumerable accessors: a spread, JSON or a structured clone reads them like values.
    Object.defineProperties(result, {
      line: { get: () => at().line, enumerable: true },
      column: { get: () => at().column, enumerable: true },
    });
  }
  return result;
}

/** Reports a finding about a field of one file; the field's place is looked up in that file. */
export type Report = (path: FieldPath, rule: RuleId, message: string) => void;

/** A file whose fields can be located (a YamlSource). */
export interface Locatable {
  file: string;
  locate(path: FieldPath): Place;
}

/** The reporter for one file: each finding names the field's own line and column. */
export function reporter(source: Locatable, findings: Finding[]): Report {
  return (path, rule, message) => {
    findings.push(finding(rule, source.file, () => source.locate(path), path, message));
  };
}

export function formatFieldPath(path: FieldPath): string {
  return path.map(String).join('.');
}

export function formatFinding(f: Finding): string {
  const field = f.field ? `${f.field}: ` : '';
  return `${f.file}:${f.line}:${f.column}: ${f.severity === 'error' ? 'error' : 'warning'}: ${field}${f.message} (${f.rule})`;
}

/**
 * A summary of many findings of one rule (the build log counts them per department instead of
 * listing each): its severity from the registry, the rule id at the end as in every finding.
 */
export function formatRuleSummary(rule: RuleId, message: string): string {
  return `${RULES[rule].severity === 'error' ? '错误' : '警告'}：${message} (${rule})`;
}

export function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule),
  );
}

export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}
