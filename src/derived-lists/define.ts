import type { z } from 'zod';
import type { Entity } from '../generators/diff/record-fields.ts';
import type { CitationKind } from '../model/citations.ts';
import type { FieldPath, Report } from '../model/findings.ts';
import type { LawModel, PowerModel, ResolvedCitation } from '../model/types.ts';

/**
 * One of the other public lists the documents require (法制审核目录、音像记录事项、裁量基准…),
 * made from one optional field of the power files. Everything about a list lives in its folder
 * (`src/derived-lists/<id>/`: the field's schema, its checks, its columns, its diff entities and the
 * hints `quanze new` writes), and `registry.ts` lists the folders. Validation, pages, downloads,
 * diffs and history, import, scaffold and the JSON Schemas all iterate the registry, so a new list
 * is one folder and one line there.
 */
export interface DerivedListDef<Key extends string = string, Field extends z.ZodType = z.ZodType, Resolved = unknown> {
  /** The list's id in addresses and download names: /lists/<id>/, list-<id>.xlsx. */
  id: string;
  /** The power file's field the list is made from (front matter key). */
  key: Key;
  /** The list's title (Chinese, shown on pages and in downloads). */
  title: string;
  /** The document that requires the list. */
  source: string;
  /** The field's schema as the power schema holds it: optional, with its title and description. */
  field: Field;
  /** Checks one power's field (present) and resolves it into the entries the list shows. */
  resolve(value: NonNullable<z.output<Field>>, context: CheckContext): Resolved[];
  /** The list's own columns, after 部门 and 职权名称. */
  columns: readonly string[];
  /** The rows one resolved entry of a power gives (one cell per column). */
  rows(entry: Resolved, power: PowerModel): string[][];
  /** Rows are grouped by this rank, lowest first, keeping the power order within a rank. */
  rank?(entry: Resolved): number;
  /** The field (present) as the diff compares it: entities keyed by identity, never by position. */
  entities(value: NonNullable<z.output<Field>>, text: EntityText): Entity[];
  /** Commented examples of the field that `quanze new` writes for a power of this category. */
  hints(category: string): string[];
}

/** A law reference as the files write it. */
export interface ArticleRefInput {
  law: string;
  article: string;
  version?: string;
}

export interface LawRef {
  law: LawModel;
  article: string;
}

/** What a list's checks know of the power and how they report. */
export interface CheckContext {
  /** The power's category, procedure, targets and stage names, as its file gives them. */
  power: { category: string; procedure?: string; target: readonly string[]; stages: readonly string[] };
  /** The power's resolved 实施依据, or undefined when they did not resolve. */
  basis: ResolvedCitation[] | undefined;
  /** Resolves a law reference as a citation of the power; a failure is reported and gives undefined. */
  cite(ref: ArticleRefInput, kind: CitationKind, path: FieldPath, place: string): LawRef | undefined;
  /** Reports a problem at a path of the power file (the list's key first). */
  report: Report;
}

/** How the diff writes values: whitespace folded, and law references as 《short》article (version). */
export interface EntityText {
  text(value: unknown): string;
  ref(ref: ArticleRefInput | undefined): string;
}

/** Keeps the literal types of a list's key and field, so the power schema and the model know them. */
export function defineDerivedList<const Key extends string, Field extends z.ZodType, Resolved>(def: DerivedListDef<Key, Field, Resolved>): DerivedListDef<Key, Field, Resolved> {
  return def;
}
