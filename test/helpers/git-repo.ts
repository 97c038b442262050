import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { BASE_FIXTURE } from './content.ts';

/**
 * A throwaway git repository holding the base fixture content, with helpers to edit files and
 * commit them on a given date — git behaviour is tested against history the test writes itself.
 */
export function fixtureRepo() {
  const dir = mkdtempSync(join(tmpdir(), 'quanze-git-'));
  cpSync(BASE_FIXTURE, dir, { recursive: true });
  const run = (args: string[], date = '2024-01-01', time = '10:00:00') =>
    execFileSync('git', args, {
      cwd: dir,
      encoding: 'utf8',
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: '测试',
        GIT_AUTHOR_EMAIL: 'test@example.org',
        GIT_COMMITTER_NAME: '测试',
        GIT_COMMITTER_EMAIL: 'test@example.org',
        GIT_AUTHOR_DATE: `${date}T${time}+08:00`,
        GIT_COMMITTER_DATE: `${date}T${time}+08:00`,
      },
    });
  run(['init', '-q', '-b', 'main']);
  return {
    dir,
    content: join(dir, 'content'),
    read: (path: string) => readFileSync(join(dir, path), 'utf8'),
    write(path: string, text: string) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    },
    edit(path: string, from: string | RegExp, to: string) {
      const text = readFileSync(join(dir, path), 'utf8');
      const out = text.replace(from, to);
      if (out === text) throw new Error(`${String(from)} not found in ${path}`);
      writeFileSync(join(dir, path), out);
    },
    move(from: string, to: string) {
      mkdirSync(dirname(join(dir, to)), { recursive: true });
      run(['mv', from, to]);
    },
    /** Commits everything on `date` at `time` (Beijing time, +08:00). */
    commit(message: string, date: string, time = '10:00:00') {
      run(['add', '-A']);
      run(['commit', '-q', '-m', message], date, time);
      return run(['rev-parse', 'HEAD']).trim();
    },
    git: run,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
