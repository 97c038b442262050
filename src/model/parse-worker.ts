import { workerData, type MessagePort } from 'node:worker_threads';
import { parseYamlSource } from './source-file.ts';
import { PARSE_DONE, PARSE_FAILED, PARSE_STARTED, type ParseTask } from './parse-pool.ts';

/**
 * The second thread of parse-pool.ts: parses the texts it is given and answers, for each, its
 * data when it parsed without any finding (else nothing: the main thread parses that file again
 * itself, to report its findings with their places).
 */
const { port, signal, tasks } = workerData as { port: MessagePort; signal: Int32Array; tasks: ParseTask[] };
Atomics.store(signal, 0, PARSE_STARTED);
Atomics.notify(signal, 0);
try {
  const results = tasks.map(({ text, file, firstLine }) => {
    const parsed = parseYamlSource(text, file, firstLine);
    return parsed.source && parsed.findings.length === 0 ? { data: parsed.source.data } : undefined;
  });
  port.postMessage(results);
  Atomics.store(signal, 0, PARSE_DONE);
} catch {
  Atomics.store(signal, 0, PARSE_FAILED);
}
Atomics.notify(signal, 0);
port.close();
