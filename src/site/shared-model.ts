import type { Model } from '../model/types.ts';

/**
 * The integration validates the content before Astro starts; the pages need the same model. Both
 * run in one process but in different module graphs (config loader and page bundle), so the model
 * is handed over through one global slot instead of validating twice.
 */
const KEY = Symbol.for('quanze.validated-model');

export function shareModel(model: Model): void {
  (globalThis as Record<symbol, unknown>)[KEY] = model;
}

export function sharedModel(): Model | undefined {
  return (globalThis as Record<symbol, unknown>)[KEY] as Model | undefined;
}
