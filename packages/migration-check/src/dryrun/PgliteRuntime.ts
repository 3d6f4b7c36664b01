import { PGlite } from '@electric-sql/pglite';
import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * What every embedded PostgreSQL of a process shares: the compiled
 * WebAssembly, the file-system bundle and an initialised empty cluster.
 * Compiling and running initdb take seconds; a database made from the
 * template takes about one.
 */
export class PgliteRuntime {
  private constructor(
    private readonly pgliteWasmModule: WebAssembly.Module,
    private readonly initdbWasmModule: WebAssembly.Module,
    private readonly fsBundle: Blob,
    private readonly template: Blob | undefined,
  ) {}

  /**
   * Compiles PostgreSQL; with `template`, also initialises an empty cluster
   * that every later database starts from. Without it, each database runs
   * initdb itself: quicker for a single database, slower for several.
   */
  static async create(options: { template: boolean }): Promise<PgliteRuntime> {
    const dist = path.dirname(require.resolve('@electric-sql/pglite'));
    const read = (file: string) => fs.readFile(path.join(dist, file));
    const [pgliteWasm, initdbWasm, data] = await Promise.all([
      read('pglite.wasm'),
      read('initdb.wasm'),
      read('pglite.data'),
    ]);
    const pgliteWasmModule = await WebAssembly.compile(pgliteWasm);
    const initdbWasmModule = await WebAssembly.compile(initdbWasm);
    const fsBundle = new Blob([data]);
    let template: Blob | undefined;
    if (options.template) {
      const first = await PGlite.create({
        pgliteWasmModule,
        initdbWasmModule,
        fsBundle,
      });
      template = await first.dumpDataDir('none');
      await first.close();
    }
    return new PgliteRuntime(
      pgliteWasmModule,
      initdbWasmModule,
      fsBundle,
      template,
    );
  }

  /** A new, empty, in-memory database of its own. */
  newDatabase(): Promise<PGlite> {
    return PGlite.create({
      pgliteWasmModule: this.pgliteWasmModule,
      initdbWasmModule: this.initdbWasmModule,
      fsBundle: this.fsBundle,
      ...(this.template ? { loadDataDir: this.template } : {}),
    });
  }
}
