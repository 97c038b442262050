import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import type { Model } from '../model/types.ts';
import { codeFingerprint, contentFingerprints, type ContentFingerprints } from './fingerprint.ts';
import { writeDownloads } from './write-downloads.ts';
import type { UpdateDates } from './downloads.ts';

/**
 * Makes the download files on a second thread while Astro renders the pages on the first. The
 * thread starts early (loading its modules meanwhile) and waits for the validated model, which
 * the build sends over once (a structured clone, ~1 s at 10,000 powers, instead of validating
 * the content a second time).
 */
const { root, contentDir, cacheDir } = workerData as { root: string; contentDir: string; cacheDir: string };
// The downloads are needed only when Astro has written every page, while the pages and their
// search index are what the build waits for: on a busy machine this thread yields the cores to
// them. On Linux a priority set from a thread is that thread's alone (elsewhere it would be the
// whole process's, so it is left as it is). A system that refuses is not a reason to stop the build.
if (process.platform === 'linux') {
  try {
    setPriority(10);
  } catch {
    // Runs at the normal priority.
  }
}
parentPort!.once('message', async ({ model, content, updated }: { model: Model; content?: ContentFingerprints; updated?: UpdateDates }) => {
  const stats = await writeDownloads({ model, cacheDir, code: codeFingerprint(root), content: content ?? contentFingerprints(contentDir, model), updated });
  parentPort!.postMessage(stats);
});
