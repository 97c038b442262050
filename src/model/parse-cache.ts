import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { parseYamlSource, sourceFromData, type YamlSource } from './source-file.ts';

type ParseResult = ReturnType<typeof parseYamlSource>;

/**
 * Parsed YAML kept between runs, by the bytes parsed: a rebuild after one changed power parses
 * the same thousands of files again (with the quick reader, quick-yaml.ts, keeping still saves
 * about 4 % of a 10,000-power rebuild; measured A/B). Only a file's own parse is kept — its
 * data, for a file that parsed without any finding — never a check's result: every rule, within
 * and across files, runs on every validation. A key covers the text, where it starts in its
 * file, the readers' versions and code, so any change to them parses afresh. A place is asked of
 * a kept file only when a finding's place is read (findings.ts): the file is parsed again then,
 * and the answer kept with the entry.
 *
 * The store is one file per content folder (v8's serialisation, which keeps every value YAML can
 * give, NaN and -0 included), rewritten with exactly the entries the last run used.
 */
export class ParseCache {
  private readonly file: string;
  private readonly kept: Map<string, Entry>;
  private readonly used = new Map<string, Entry>();
  private changed = false;
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
    if (!result.source || result.findings.length > 0) return result;
    return { source: this.keep(text, file, firstLine, result.source.data, result.source), findings: [] };
  }

  /** The kept parse of this text, if any. */
  get(text: string, file: string, firstLine = 1): ParseResult | undefined {
    const key = this.key(text, firstLine);
    const entry = this.kept.get(key);
    if (!entry) return undefined;
    this.used.set(key, entry);
    // A fresh copy each time: a check may keep or change what it is given.
    return { source: this.sourceOf(entry, sourceFromData(text, file, firstLine, deserialize(entry.data))), findings: [] };
  }

  /** Keeps the data of a text that parsed without any finding; the source to use for it. */
  keep(text: string, file: string, firstLine: number, data: unknown, parsed?: YamlSource): YamlSource {
    const entry: Entry = { data: serialize(data), places: {} };
    this.used.set(this.key(text, firstLine), entry);
    this.changed = true;
    return this.sourceOf(entry, parsed ?? sourceFromData(text, file, firstLine, data));
  }

  /**
   * The source with its places remembered: rules ask a file for the same places run after run
   * (a warning stays until someone acts on it), and each answer would cost a parse.
   */
  private sourceOf(entry: Entry, source: YamlSource): YamlSource {
    return {
      ...source,
      locate: (path, options) => {
        const asked = JSON.stringify([path, options?.key ?? null]);
        const known = entry.places[asked];
        if (known) return { ...known };
        const place = source.locate(path, options);
        entry.places[asked] = { ...place };
        this.changed = true;
        return place;
      },
    };
  }

  private key(text: string, firstLine: number): string {
    return createHash('sha256').update(this.reader).update('\0').update(String(firstLine)).update('\0').update(text).digest('base64');
  }

  /** Writes the entries this run used, with the places asked of them (when anything differs from the store read). */
  save(): void {
    if (!this.changed && this.used.size === this.kept.size) return;
    mkdirSync(dirname(this.file), { recursive: true });
    const temporary = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temporary, serialize({ format: STORE_FORMAT, entries: this.used }));
    renameSync(temporary, this.file);
    this.changed = false;
  }
}

interface Entry {
  /** The parsed data, serialised. */
  data: Buffer;
  /** Places asked of the file, by path and key. */
  places: Record<string, { line: number; column: number }>;
}

/** The store's layout: a store of another layout is not read. */
const STORE_FORMAT = 2;

function readStore(file: string): Map<string, Entry> {
  if (!existsSync(file)) return new Map();
  try {
    const store = deserialize(readFileSync(file)) as { format?: unknown; entries?: unknown };
    return store?.format === STORE_FORMAT && store.entries instanceof Map ? (store.entries as Map<string, Entry>) : new Map();
  } catch {
    // A store cut short or from another Node version: parse afresh.
    return new Map();
  }
}

/**
 * The reader's identity: the versions of the yaml and js-yaml packages, the source of the two
 * readers' modules (source-file.ts sets every parser option, quick-yaml.ts decides which texts
 * js-yaml reads and how it resolves them) and V8's version (the store's format). Computed when a
 * cache is first opened — never as this module loads, since the site's bundle imports it too.
 */
let reader: string | undefined;
function readerIdentity(): string {
  if (reader) return reader;
  const hash = createHash('sha256');
  for (const pkg of ['yaml', 'js-yaml']) hash.update(readFileSync(new URL('../package.json', import.meta.resolve(pkg))));
  // The readers' whole modules: every option, pattern and schema type in them counts.
  for (const module of ['./source-file.ts', './quick-yaml.ts']) hash.update(readFileSync(new URL(module, import.meta.url)));
  return (reader = hash.update(process.versions.v8).digest('base64'));
}

/** The parse cache of a project's content folder: one store per folder, under node_modules/.cache. */
export function parseCacheFor(root: string, contentDir: string): ParseCache {
  return new ParseCache(join(root, DEFAULT_PARSE_CACHE, `${createHash('sha256').update(resolve(contentDir)).digest('hex').slice(0, 32)}.bin`));
}

export const DEFAULT_PARSE_CACHE = 'node_modules/.cache/quanze-parse';
