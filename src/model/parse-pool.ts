import { availableParallelism } from 'node:os';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { ParseCache } from './parse-cache.ts';
import { parseYamlSource, sourceFromData } from './source-file.ts';

export interface ParseTask {
  text: string;
  file: string;
  firstLine: number;
}

type ParseResult = ReturnType<typeof parseYamlSource>;

export const PARSE_STARTED = 1;
export const PARSE_DONE = 2;
export const PARSE_FAILED = 3;

/** Below this many files to parse, a second thread costs more than it saves. */
const PARALLEL_FROM = 400;
/** Time allowed to the second thread beyond what this one took, to start (load its modules). */
const START_MS = 10_000;
/** The second thread's file, named through a variable so that no bundler copies it as an asset. */
const WORKER_FILE = './parse-worker.ts';

/** How many texts were parsed on the second thread (in this process): the build reports it. */
export const parsedElsewhere = { count: 0 };

/**
 * Parses many YAML texts (the power files' front-matter), the same results as parseYamlSource one
 * by one, in the same order: kept parses from the cache first; of the others, at city scale, half
 * are parsed on a second thread while this one parses the rest (parsing is most of validation,
 * and the build has nothing else to do on the second core meanwhile). Loading stays synchronous:
 * this thread waits for the other with Atomics.wait. A file the other thread could not parse
 * cleanly is parsed here again, for its findings and their places; if the other thread does not
 * start or fails, this thread parses its share too.
 */
export function parseAll(tasks: ParseTask[], cache: ParseCache | undefined, parallel: boolean): ParseResult[] {
  const results: (ParseResult | undefined)[] = tasks.map((t) => cache?.get(t.text, t.file, t.firstLine));
  const parseHere = (t: ParseTask) => (cache ? cache.parse(t.text, t.file, t.firstLine) : parseYamlSource(t.text, t.file, t.firstLine));
  const missing = results.flatMap((r, i) => (r ? [] : [i]));
  if (!parallel || missing.length < PARALLEL_FROM || availableParallelism() < 2) {
    for (const i of missing) results[i] = parseHere(tasks[i]!);
    return results as ParseResult[];
  }
  const theirs = missing.slice(Math.floor(missing.length / 2));
  const ours = missing.slice(0, missing.length - theirs.length);
  const other = startParser(theirs.map((i) => tasks[i]!));
  const started = performance.now();
  for (const i of ours) results[i] = parseHere(tasks[i]!);
  // The other thread has as much to do: it is given thrice as long (and START_MS more) to finish.
  const answers = other?.answers(3 * (performance.now() - started) + START_MS);
  theirs.forEach((i, k) => {
    const data = answers?.[k];
    const task = tasks[i]!;
    if (data) {
      parsedElsewhere.count++;
      results[i] = { source: cache ? cache.keep(task.text, task.file, task.firstLine, data.data) : sourceFromData(task.text, task.file, task.firstLine, data.data), findings: [] };
    } else results[i] = parseHere(task);
  });
  return results as ParseResult[];
}

function startParser(tasks: ParseTask[]): { answers(waitMs: number): ({ data: unknown } | undefined)[] | undefined } | undefined {
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  let worker: Worker;
  try {
    worker = new Worker(new URL(WORKER_FILE, import.meta.url), { workerData: { port: port2, signal, tasks }, transferList: [port2] });
  } catch {
    return undefined;
  }
  worker.unref();
  const stop = () => {
    port1.close();
    void worker.terminate();
  };
  return {
    answers(waitMs) {
      const until = performance.now() + waitMs;
      for (let state = Atomics.load(signal, 0); state < PARSE_DONE && performance.now() < until; state = Atomics.load(signal, 0)) {
        Atomics.wait(signal, 0, state, until - performance.now());
      }
      const message = Atomics.load(signal, 0) === PARSE_DONE ? receiveMessageOnPort(port1) : undefined;
      stop();
      return message?.message as ({ data: unknown } | undefined)[] | undefined;
    },
  };
}
