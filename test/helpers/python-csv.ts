import { execFileSync } from 'node:child_process';

/**
 * Parses CSV text with Python's csv module: an RFC 4180 reader independent of the csv library
 * the export uses. Returns the records (BOM removed, as Excel does).
 */
export function pythonCsvRecords(text: string): string[][] {
  const script = 'import csv,io,json,sys\ndata=sys.stdin.buffer.read().decode("utf-8-sig")\nprint(json.dumps(list(csv.reader(io.StringIO(data, newline=""), strict=True))))';
  return JSON.parse(execFileSync('python3', ['-c', script], { input: text, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 }));
}
