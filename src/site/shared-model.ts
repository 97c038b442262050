import type { Model } from '../model/types.ts';

/**
 * The integration validates the content before Astro starts; the pages need the same model. Both
 * run in one process but in different module graphs (config loader and page bundle), so the model
 * is handed over through one global slot instead of validating twice.
 */
const KEY = Symbol.for('quanze.validated-model');
const PREVALIDATED = Symbol.for('quanze.prevalidated-model');
type Slots = Record<symbol, unknown>;

export function shareModel(model: Model): void {
  (globalThis as Slots)[KEY] = model;
}

export function sharedModel(): Model | undefined {
  return (globalThis as Slots)[KEY] as Model | undefined;
}

/**
 * quanze build validates the content itself (it needs the model to plan the build) and then runs
 * Astro in the same process: it leaves the model here for the integration to take once, so a
 * later build in the same process (astro dev reloading its config) validates again.
 */
export function leavePrevalidatedModel(model: Model, contentDir: string): void {
  (globalThis as Slots)[PREVALIDATED] = { model, contentDir };
}

export function takePrevalidatedModel(contentDir: string): Model | undefined {
  const slot = (globalThis as Slots)[PREVALIDATED] as { model: Model; contentDir: string } | undefined;
  delete (globalThis as Slots)[PREVALIDATED];
  return slot && slot.contentDir === contentDir ? slot.model : undefined;
}
