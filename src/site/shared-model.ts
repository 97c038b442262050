import type { ContentHistory } from '../history/content-history.ts';
import type { Model } from '../model/types.ts';

/**
 * The integration validates the content before Astro starts; the pages need the same model. Both
 * run in one process but in different module graphs (config loader and page bundle), so the model
 * is handed over through one global slot instead of validating twice.
 */
const KEY = Symbol.for('quanze.validated-model');
const HISTORY = Symbol.for('quanze.content-history');
const PREVALIDATED = Symbol.for('quanze.prevalidated-model');
type Slots = Record<symbol, unknown>;

/** The model, and the git history when it was already read (else the pages read it once). */
export function shareModel(model: Model, history?: ContentHistory): void {
  (globalThis as Slots)[KEY] = model;
  (globalThis as Slots)[HISTORY] = history;
}

export function sharedHistory(): ContentHistory | undefined {
  return (globalThis as Slots)[HISTORY] as ContentHistory | undefined;
}

export function sharedModel(): Model | undefined {
  return (globalThis as Slots)[KEY] as Model | undefined;
}

/**
 * quanze build validates the content and reads its git history itself (it needs both to plan the
 * build) and then runs Astro in the same process: it leaves them here for the integration to take
 * once, so a later build in the same process (astro dev reloading its config) reads them again.
 */
interface Prevalidated {
  model: Model;
  history: ContentHistory;
}

export function leavePrevalidatedModel(prevalidated: Prevalidated, contentDir: string): void {
  (globalThis as Slots)[PREVALIDATED] = { ...prevalidated, contentDir };
}

export function takePrevalidatedModel(contentDir: string): Prevalidated | undefined {
  const slot = (globalThis as Slots)[PREVALIDATED] as (Prevalidated & { contentDir: string }) | undefined;
  delete (globalThis as Slots)[PREVALIDATED];
  return slot && slot.contentDir === contentDir ? slot : undefined;
}
