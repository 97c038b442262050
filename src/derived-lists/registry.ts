import { avRecording } from './av-recording/list.ts';
import { discretion } from './discretion/list.ts';
import { legalReview } from './legal-review/list.ts';
import { leniency } from './leniency/list.ts';
import { risks } from './risks/list.ts';

/**
 * The derived lists, in the order the site shows them. A new list is a folder beside these
 * (schema, checks, columns, diff entities, scaffold hints; see define.ts) and one line here:
 * validation, the power schema and its JSON Schema, pages, downloads, diffs and history, import
 * and `quanze new` all read this array (test/derived-list-registry.test.ts adds a sixth from a
 * test fixture and follows its field through them).
 */
export const DERIVED_LISTS = [
  legalReview,
  avRecording,
  discretion,
  leniency,
  risks,
] as const;
