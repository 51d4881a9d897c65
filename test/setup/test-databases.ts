/** The local test databases of a run, shared by global setup, teardown and the per-worker setup file. */

export interface LocalTestNeo4j {
  uri: string;
  /** Stops the database and removes its data directory. */
  stop(): Promise<void>;
}

/** Setup and teardown run in jest's main process, each module loaded on its own: state on globalThis. */
const state = globalThis as { __LOCAL_TEST_NEO4JS__?: LocalTestNeo4j[] };

export function setLocalTestNeo4js(instances: LocalTestNeo4j[]): void {
  state.__LOCAL_TEST_NEO4JS__ = instances;
}

/** The run's databases, once: each project's teardown calls this, the first one stops them. */
export function takeLocalTestNeo4js(): LocalTestNeo4j[] {
  const instances = state.__LOCAL_TEST_NEO4JS__ ?? [];
  delete state.__LOCAL_TEST_NEO4JS__;
  return instances;
}

/** The variable that holds worker N's database URI (N = JEST_WORKER_ID, 1-based). */
export function workerUriVariable(worker: number | string): string {
  return `NEO4J_URI_${worker}`;
}
