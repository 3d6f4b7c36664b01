import type { PGlite } from '@electric-sql/pglite';

/** Why a run stopped before it was done. */
export class BudgetExceeded extends Error {
  readonly name = 'BudgetExceeded';
  constructor(readonly status: 'timeout' | 'memory-exceeded', message: string) {
    super(message);
  }
}

/**
 * The time and memory a dry run may use. Checked between statements: one
 * statement runs to its end inside WebAssembly, so a hard stop is the worker
 * pool's job (it terminates the thread).
 */
export class RunBudget {
  private readonly deadline: number;

  constructor(
    private readonly timeoutMs: number,
    private readonly maxMemoryMb: number,
    startedAt: number,
  ) {
    this.deadline = startedAt + timeoutMs;
  }

  check(db?: PGlite): void {
    if (performance.now() > this.deadline) {
      throw new BudgetExceeded(
        'timeout',
        `dry run stopped after ${this.timeoutMs} ms`,
      );
    }
    const megabytes = db ? wasmMemoryMb(db) : undefined;
    if (megabytes !== undefined && megabytes > this.maxMemoryMb) {
      throw new BudgetExceeded(
        'memory-exceeded',
        `embedded PostgreSQL grew to ${Math.round(
          megabytes,
        )} MB, over the limit of ${this.maxMemoryMb} MB`,
      );
    }
  }
}

/**
 * The size of the embedded PostgreSQL's WebAssembly memory. PGlite has no
 * public accessor; its Emscripten module's memory is read when present
 * (PGlite 0.5 starts at about 190 MB).
 */
function wasmMemoryMb(db: PGlite): number | undefined {
  const memory = (
    db as unknown as { mod?: { wasmMemory?: WebAssembly.Memory } }
  ).mod?.wasmMemory;
  return memory ? memory.buffer.byteLength / 1024 / 1024 : undefined;
}
