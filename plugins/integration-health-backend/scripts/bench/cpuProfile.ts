import { Session } from 'node:inspector/promises';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Runs `work` under V8's CPU profiler when BENCH_CPU_PROFILE names a folder,
 * and writes `<name>.cpuprofile` there (open it in Chrome's DevTools);
 * without it, just runs `work`.
 */
export async function profiled<T>(
  name: string,
  work: () => Promise<T>,
): Promise<T> {
  const folder = process.env.BENCH_CPU_PROFILE;
  if (!folder) return work();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  try {
    return await work();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    await writeFile(
      path.join(folder, `${name.replace(/\W+/g, '-')}.cpuprofile`),
      JSON.stringify(profile),
    );
    session.disconnect();
  }
}
