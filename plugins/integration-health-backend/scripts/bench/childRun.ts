import { spawn } from 'node:child_process';
import path from 'node:path';

/**
 * Runs one scale in a child process (so peak RSS is that scale's), passing
 * its progress lines on and returning its last line, parsed.
 */
export function runScaleInChild(
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<Record<string, any>> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [...process.execArgv, path.join(__dirname, 'runScale.ts'), ...args],
      { env, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let last = '';
    let buffered = '';
    child.stdout.on('data', chunk => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        if (line.startsWith('{')) last = line;
        else process.stdout.write(`${line}\n`);
      }
    });
    child.on('error', reject);
    child.on('close', code => {
      if (buffered.startsWith('{')) last = buffered;
      if (!last) {
        reject(new Error(`runScale ${args.join(' ')} exited ${code}`));
        return;
      }
      resolve(JSON.parse(last));
    });
  });
}
