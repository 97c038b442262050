import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { parseYamlSource, sourceFromData } from './source-file.ts';

type ParseResult = ReturnType<typeof parseYamlSource>;

/**
 * Parsed YAML kept between runs, by the bytes parsed: parsing is most of validation's time
 * (measured at 2,000 powers: three quarters), and a rebuild after one changed power parses the
 * same thousands of files again. Only a file's own parse is kept — its data, for a file that
 * parsed without any finding — never a check's result: every rule, within and across files,
 * runs on every validation. A key covers the text, where it starts in its file, the `yaml`
 * package's version and the parser's code, so any change to them parses afresh. A place is
 * asked of a kept file only when a rule reports on it: the file is parsed again then.
 *
 * The store is one file per content folder (v8's serialisation, which keeps every value YAML can
 * give, NaN and -0 included), rewritten with exactly the entries the last run used.
 */
export class ParseCache {
  private readonly file: string;
  private readonly kept: Map<string, unknown>;
  private readonly used = new Map<string, unknown>();
  private added = 0;
  private readonly reader = readerIdentity();

  constructor(file: string) {
    this.file = file;
    this.kept = readStore(file);
  }

  /** Like parseYamlSource, from the store where the same text was parsed cleanly before. */
  parse(text: string, file: string, firstLine = 1): ParseResult {
    const kept = this.get(text, file, firstLine);
    if (kept) return kept;
    const result = parseYamlSource(text, file, firstLine);
    if (result.source && result.findings.length === 0) this.keep(text, firstLine, result.source.data);
    return result;
  }

  /** The kept parse of this text, if any. */
  get(text: string, file: string, firstLine = 1): ParseResult | undefined {
    const key = this.key(text, firstLine);
    if (!this.kept.has(key)) return undefined;
    const stored = this.kept.get(key);
    this.used.set(key, stored);
    // A fresh copy each time: a check may keep or change what it is given.
    return { source: sourceFromData(text, file, firstLine, deserialize(stored as Buffer)), findings: [] };
  }

  /** Keeps the data of a text that parsed without any finding. */
  keep(text: string, firstLine: number, data: unknown): void {
    this.used.set(this.key(text, firstLine), serialize(data));
    this.added++;
  }

  private key(text: string, firstLine: number): string {
    return createHash('sha256').update(this.reader).update('\0').update(String(firstLine)).update('\0').update(text).digest('base64');
  }

  /** Writes the entries this run used (when they differ from the store read). */
  save(): void {
    if (this.added === 0 && this.used.size === this.kept.size) return;
    mkdirSync(dirname(this.file), { recursive: true });
    const temporary = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temporary, serialize(this.used));
    renameSync(temporary, this.file);
  }
}

function readStore(file: string): Map<string, unknown> {
  if (!existsSync(file)) return new Map();
  try {
    const store = deserialize(readFileSync(file)) as unknown;
    return store instanceof Map ? store : new Map();
  } catch {
    // A store cut short or from another Node version: parse afresh.
    return new Map();
  }
}

/**
 * The reader's identity: the yaml package's version, parseYamlSource's code (which sets every
 * parser option) and V8's version (the store's format). Computed when a cache is first opened —
 * never as this module loads, since the site's bundle imports it too.
 */
let reader: string | undefined;
function readerIdentity(): string {
  reader ??= createHash('sha256')
    .update(readFileSync(new URL('../package.json', import.meta.resolve('yaml'))))
    .update(parseYamlSource.toString())
    .update(process.versions.v8)
    .digest('base64');
  return reader;
}

/** The parse cache of a project's content folder: one store per folder, under node_modules/.cache. */
export function parseCacheFor(root: string, contentDir: string): ParseCache {
  return new ParseCache(join(root, DEFAULT_PARSE_CACHE, `${createHash('sha256').update(resolve(contentDir)).digest('hex').slice(0, 32)}.bin`));
}

export const DEFAULT_PARSE_CACHE = 'node_modules/.cache/quanze-parse';
