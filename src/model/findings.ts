/** One problem found in the content, with its place, in the shape of `file:line:col: error: field: message (rule)`. */
export interface Finding {
  severity: 'error' | 'warning';
  rule: string;
  file: string;
  line: number;
  column: number;
  /** Dotted path of the field, e.g. stages.2.post; empty for whole-file problems. */
  field: string;
  message: string;
}

export type FieldPath = ReadonlyArray<string | number>;

export function formatFieldPath(path: FieldPath): string {
  return path.map(String).join('.');
}

export function formatFinding(f: Finding): string {
  const field = f.field ? `${f.field}: ` : '';
  return `${f.file}:${f.line}:${f.column}: ${f.severity === 'error' ? 'error' : 'warning'}: ${field}${f.message} (${f.rule})`;
}

export function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule),
  );
}

export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}
