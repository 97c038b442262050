import type { z } from 'zod';
import type { DerivedListDef } from './define.ts';
import { DERIVED_LISTS } from './registry.ts';

export { DERIVED_LISTS } from './registry.ts';
export type { DerivedListDef } from './define.ts';

type RegisteredList = (typeof DERIVED_LISTS)[number];
type ResolvedOf<L> = L extends DerivedListDef<string, z.ZodType, infer R> ? R : never;

/** The power file's fields behind the lists, by key: spread into the power schema. */
export type DerivedListFields = { [L in RegisteredList as L['key']]: L['field'] };

/** A power's resolved entries of every list, by the list's key (legal_review, discretion …). */
export type DerivedFields = { [L in RegisteredList as L['key']]: ResolvedOf<L>[] };

/** A registered list as generic code handles it: entries it resolved are handed back to it unseen. */
export type AnyDerivedList = DerivedListDef<string, z.ZodType, unknown>;

/** The lists as the code iterates them, whatever their entry types. */
export const derivedLists = DERIVED_LISTS as unknown as readonly AnyDerivedList[];

export function derivedListFields(): DerivedListFields {
  return Object.fromEntries(derivedLists.map((l) => [l.key, l.field])) as DerivedListFields;
}

/** The power file's fields that hold the lists, in registry order. */
export function derivedListKeys(): string[] {
  return derivedLists.map((l) => l.key);
}

/** The registered list with this id; an unknown id is a programming error. */
export function derivedListById(id: string): AnyDerivedList {
  const list = derivedLists.find((l) => l.id === id);
  if (!list) throw new Error(`unknown derived list: ${id}`);
  return list;
}
