import DataLoader from "dataloader";
import { ANONYMOUS, type User } from "./auth/auth.user";
import { type Database, QueryStats, type Queryable } from "./db/database";
import type { OperationWalk } from "./planner/planner.walk";

type Constructor<T> = new (db: Queryable) => T;

/** Per-request state: the counted database view, memoised repositories and DataLoaders. */
export class Context {
  readonly stats = new QueryStats();
  readonly db: Queryable;
  cost = 0;
  /** The one walk of the operation's selection: priced by the cost analysis, planned by the planner. */
  walk: OperationWalk | undefined;
  /** Root fields compile to one Cypher query (src/planner); off: every field goes through its resolver. */
  usePlanner = true;
  /** The request's Idempotency-Key header: retried writes with it return the first result. */
  idempotencyKey: string | undefined;
  private readonly repositories = new Map<Constructor<unknown>, unknown>();
  private readonly loaders = new Map<string, DataLoader<unknown, unknown>>();

  /**
   * @param user the verified caller (anonymous without a token)
   * @param client whom the rate limit counts: token subject or IP address
   */
  constructor(
    database: Database,
    readonly user: User = ANONYMOUS,
    readonly client: string = "local",
  ) {
    this.db = database.forRequest(this.stats);
  }

  repo<T>(type: Constructor<T>): T {
    let repository = this.repositories.get(type) as T | undefined;
    if (!repository) {
      repository = new type(this.db);
      this.repositories.set(type, repository);
    }
    return repository;
  }

  /**
   * One DataLoader per (name, argument set) per request: every `load` within a tick becomes one batched
   * Cypher query. `batch` must return one value per key, in key order.
   */
  loader<K, V>(name: string, batch: (keys: readonly K[]) => Promise<V[]>, args?: unknown): DataLoader<K, V> {
    const key = args === undefined ? name : `${name}:${JSON.stringify(args)}`;
    let loader = this.loaders.get(key) as DataLoader<K, V> | undefined;
    if (!loader) {
      loader = new DataLoader<K, V>(batch, { maxBatchSize: 1000 });
      this.loaders.set(key, loader as DataLoader<unknown, unknown>);
    }
    return loader;
  }
}
