import jsyaml from 'js-yaml';

/**
 * A fast first reading of plain YAML. The `yaml` package stays the one judge of a file (its errors,
 * places and limits become findings), but building its document with every node's place is most
 * of validation: measured at 10,000 power files, 15.8 s against 1.2 s for js-yaml. js-yaml reads
 * the file first; whenever the text uses anything where the two could differ, or js-yaml refuses
 * it, the answer is "not read" and the caller reads the file with `yaml` as before.
 *
 * What the two must agree on is what a plain scalar means: js-yaml is given the YAML 1.2 core
 * schema as the `yaml` package resolves it (its tests and resolve functions, copied below), not
 * js-yaml's own, which also reads 1_000 and 0b101 as numbers. Declined outright: anchors and
 * aliases (the `yaml` package limits their expansion), tags, directives and complex keys.
 */

// yaml 2.x, schema/common/null.js and schema/core/{bool,int,float}.js.
const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const INT_OCT = /^0o[0-7]+$/;
const INT = /^[-+]?[0-9]+$/;
const INT_HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT_EXP = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

const nullType = new jsyaml.Type('tag:yaml.org,2002:null', {
  kind: 'scalar',
  resolve: (text: string | null) => text === null || NULL.test(text),
  construct: () => null,
});

const bool = new jsyaml.Type('tag:yaml.org,2002:bool', {
  kind: 'scalar',
  resolve: (text: string | null) => text !== null && BOOL.test(text),
  construct: (text: string) => text[0] === 't' || text[0] === 'T',
});

const int = new jsyaml.Type('tag:yaml.org,2002:int', {
  kind: 'scalar',
  resolve: (text: string | null) => text !== null && (INT_OCT.test(text) || INT.test(text) || INT_HEX.test(text)),
  construct: (text: string) => (INT_OCT.test(text) ? parseInt(text.substring(2), 8) : INT_HEX.test(text) ? parseInt(text.substring(2), 16) : parseInt(text, 10)),
});

const float = new jsyaml.Type('tag:yaml.org,2002:float', {
  kind: 'scalar',
  resolve: (text: string | null) => text !== null && (FLOAT_NAN.test(text) || FLOAT_EXP.test(text) || FLOAT.test(text)),
  construct: (text: string) =>
    FLOAT_NAN.test(text) ? (text.slice(-3).toLowerCase() === 'nan' ? NaN : text[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY) : parseFloat(text),
});

const CORE_AS_YAML_READS_IT = jsyaml.FAILSAFE_SCHEMA.extend({ implicit: [nullType, bool, int, float] });

/**
 * Anchors (&), aliases (*), tags (!), directives (% at a line's start), complex keys (? at a
 * line's start), a collection as a key (a bracket's end before a colon), document markers (---
 * and ... at a line's start), a tab in a line's indentation, a byte-order mark or carriage return
 * anywhere (js-yaml skips or breaks lines at them where `yaml` does not). Matched anywhere in the
 * text, in values too: a false alarm only costs the slower reading.
 */
const DECLINED = /[&*!\r\ufeff]|^[ \t]*[%?]|^ *\t|^(?:---|\.\.\.)|[\]}][ \t]*:/m;
/**
 * A key that is empty or null (`: x`, `~: x`, `null: x`; with spaces before the colon, the last
 * one matches): `yaml` names it "" and js-yaml "null". Also matches a colon after a space
 * elsewhere, which only sends such a text to `yaml`. Constant work at each place: no run of
 * spaces is scanned again from each of its characters (a file of spaces took seconds).
 */
const NULL_KEY = /(?:^|[\s{[,])(?:~|null|Null|NULL)?:(?=[\s,\]}]|$)/m;
/** A quoted string on one line. */
const QUOTED = /"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'/g;
/** A quoted string followed by anything but a space, colon, comma or bracket end (js-yaml allows a comment there). */
const QUOTED_THEN_TEXT = /(?:"(?:[^"\\]|\\.)*"|'(?:[^']|'')*')(?=[^\s:,\]}])/;
const COMMENT = /(?:^|\s)#.*$/;

/**
 * Whether a line needs `yaml`'s stricter reading: a bracket or quote that runs over the line's
 * end (inside a flow collection or quoted string that spans lines js-yaml forgives indentation
 * that `yaml` reports, BAD_INDENT), text straight after a closing quote or bracket, or a line too long for
 * a key (`yaml` refuses keys of more than 1024 characters).
 */
function needsYaml(line: string): boolean {
  if (line.length > 1024) return true;
  if (!/[[\]{}"']/.test(line)) return false;
  if (QUOTED_THEN_TEXT.test(line)) return true;
  const rest = line.replace(QUOTED, 'q').replace(COMMENT, '');
  if (/["']|[\]}][^\s,\]}]/.test(rest)) return true;
  let depth = 0;
  for (const c of rest) {
    if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') depth--;
  }
  return depth !== 0;
}

/** The data of a plain YAML text, or undefined when the `yaml` package must read it. */
export function quickYaml(text: string): { data: unknown } | undefined {
  if (DECLINED.test(text) || NULL_KEY.test(text) || text.split('\n').some(needsYaml)) return undefined;
  let data: unknown;
  try {
    data = jsyaml.load(text, { schema: CORE_AS_YAML_READS_IT });
  } catch {
    return undefined;
  }
  // An empty document: js-yaml gives undefined, `yaml` null; left to `yaml`.
  return data === undefined ? undefined : { data };
}
