import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';

const running = new Set<ChildProcess>();

/** Stops every process this script started (each runs in its own process group). */
export function stopAll(signal: NodeJS.Signals = 'SIGTERM') {
  for (const child of running) {
    if (child.pid && child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid, signal);
      } catch {
        // already gone
      }
    }
  }
}

/** The last lines of a log file, for failure messages. */
export function tail(file: string, lines = 40): string {
  if (!fs.existsSync(file)) return `(no ${file})`;
  const text = fs.readFileSync(file, 'utf8').replace(/\u001b\[[0-9;]*m/g, '');
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

/**
 * The environment for commands run in the stock app: npm's own `npm_*`
 * variables from `npm run test:adopter` would otherwise act as npm config
 * there (the same reason `backstage-cli versions:bump` drops them).
 */
export function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    const lower = key.toLowerCase();
    if (lower.startsWith('npm_') && lower !== 'npm_config_nodedir') continue;
    if (key === 'INIT_CWD') continue;
    env[key] = value;
  }
  return { ...env, FORCE_COLOR: '0', ...extra };
}

export type RunOptions = {
  cwd: string;
  log: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
};

/** Starts `bash -c command` in its own process group, output appended to a log. */
export function start(command: string, options: RunOptions): ChildProcess {
  fs.appendFileSync(options.log, `\n$ ${command}\n  (in ${options.cwd})\n`);
  const out = fs.openSync(options.log, 'a');
  const child = spawn('bash', ['-c', command], {
    cwd: options.cwd,
    env: options.env ?? cleanEnv(),
    stdio: ['ignore', out, out],
    detached: true,
  });
  fs.closeSync(out);
  running.add(child);
  child.on('exit', () => running.delete(child));
  return child;
}

/** Runs a command to completion; fails with its exit code and the end of its log. */
export function run(command: string, options: RunOptions): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 10 * 60_000;
  return new Promise((resolve, reject) => {
    const child = start(command, options);
    const timer = setTimeout(() => {
      if (child.pid) process.kill(-child.pid, 'SIGTERM');
      reject(
        new Error(
          `\`${command}\` took longer than ${
            timeoutMs / 1000
          } s; last lines of ${options.log}:\n${tail(options.log)}`,
        ),
      );
    }, timeoutMs);
    child.on('error', error => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) {
        resolve();
      } else {
        reject(
          new Error(
            `\`${command}\` failed (${
              signal ?? `exit code ${code}`
            }); last lines of ${options.log}:\n${tail(options.log)}`,
          ),
        );
      }
    });
  });
}

/** Runs a command and returns its standard output. */
export function output(
  command: string,
  options: { cwd: string; env?: NodeJS.ProcessEnv },
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', command], {
      cwd: options.cwd,
      env: options.env ?? cleanEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', d => (stdout += d));
    child.stderr.on('data', d => (stderr += d));
    child.on('error', reject);
    child.on('exit', code =>
      code === 0
        ? resolve(stdout)
        : reject(
            new Error(`\`${command}\` failed (${code}): ${stderr.trim()}`),
          ),
    );
  });
}
