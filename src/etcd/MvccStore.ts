/**
 * An in-memory multi-version key-value store with etcd v3's data model: one global revision that
 * every write increments, per-key create/mod revisions and version, range reads by prefix, watches
 * that start at a revision and replay history, and compaction.
 */

/** A stored key with its revisions. Values are deep-frozen by the caller. */
export interface KeyValue {
  readonly key: string;
  readonly value: unknown;
  readonly createRevision: number;
  readonly modRevision: number;
  readonly version: number;
}

/** One change, as an etcd watch reports it. */
export interface StoreEvent {
  readonly type: "PUT" | "DELETE";
  readonly revision: number;
  /** For PUT the new key-value; for DELETE the key as it was, with modRevision = the deletion. */
  readonly kv: KeyValue;
  readonly prevKv?: KeyValue;
}

/** A revision older than the compaction point was requested. */
export class CompactedError extends Error {
  constructor(
    readonly requested: number,
    readonly compactRevision: number,
  ) {
    super(`mvcc: required revision has been compacted`);
    this.name = "CompactedError";
  }
}

/** A compare-and-swap precondition failed. */
export class PreconditionFailedError extends Error {
  constructor(
    readonly key: string,
    readonly current: KeyValue | undefined,
  ) {
    super(`precondition failed for ${key}`);
    this.name = "PreconditionFailedError";
  }
}

/** Handle to stop a watch. */
export interface StoreWatch {
  cancel(): void;
}

interface Watcher {
  prefix: string;
  handler: (event: StoreEvent) => void;
  active: boolean;
}

/** Optional compare on writes: expect the key's modRevision (0 = must not exist). */
export interface WriteCondition {
  expectModRevision?: number;
}

function dirOf(key: string): string {
  return key.slice(0, key.lastIndexOf("/") + 1);
}

/**
 * The MVCC store behind the simulated etcd.
 *
 * @example
 * ```ts
 * const store = new MvccStore();
 * store.put("/registry/pods/default/web", { kind: "Pod" });
 * store.get("/registry/pods/default/web")?.modRevision; // 2
 * ```
 */
export class MvccStore {
  #revision = 1;
  #compactRevision = 0;
  readonly #keys = new Map<string, KeyValue>();
  readonly #dirs = new Map<string, Set<string>>();
  #history: StoreEvent[] = [];
  #watchers: readonly Watcher[] = [];
  readonly #byDir = new Map<string, readonly Watcher[]>();

  /** The current (latest committed) revision. */
  get revision(): number {
    return this.#revision;
  }

  /** Revisions at or below this have been compacted away. */
  get compactRevision(): number {
    return this.#compactRevision;
  }

  /** Number of keys currently stored. */
  get size(): number {
    return this.#keys.size;
  }

  get(key: string): KeyValue | undefined {
    return this.#keys.get(key);
  }

  /** Every key under `prefix`, sorted by key (etcd's range order). */
  range(prefix: string): KeyValue[] {
    const out: KeyValue[] = [];
    for (const [dir, keys] of this.#dirs) {
      if (!dir.startsWith(prefix) && !prefix.startsWith(dir)) continue;
      for (const key of keys) {
        if (key.startsWith(prefix)) out.push(this.#keys.get(key) as KeyValue);
      }
    }
    out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    return out;
  }

  /**
   * Every key under `prefix` as it was at `revision` (an MVCC read in the past), sorted by key;
   * throws {@link CompactedError} when that revision has been compacted away.
   */
  rangeAt(prefix: string, revision: number): KeyValue[] {
    if (revision >= this.#revision) return this.range(prefix);
    if (revision < this.#compactRevision) throw new CompactedError(revision, this.#compactRevision);
    const state = new Map<string, KeyValue>();
    for (const kv of this.range(prefix)) state.set(kv.key, kv);
    for (let i = this.#history.length - 1; i >= 0; i--) {
      const event = this.#history[i] as StoreEvent;
      if (event.revision <= revision) break;
      if (!event.kv.key.startsWith(prefix)) continue;
      if (event.prevKv) state.set(event.kv.key, event.prevKv);
      else state.delete(event.kv.key);
    }
    return [...state.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  /** Count of keys under `prefix` without materializing them. */
  count(prefix: string): number {
    let n = 0;
    for (const [dir, keys] of this.#dirs) {
      if (dir.startsWith(prefix)) n += keys.size;
      else if (prefix.startsWith(dir)) for (const key of keys) if (key.startsWith(prefix)) n++;
    }
    return n;
  }

  /**
   * Create or replace `key`; with a condition, behaves like a transaction's compare. `value` may be a
   * function of the revision the write will get (so a stored object can carry its resourceVersion).
   */
  put(
    key: string,
    value: unknown | ((revision: number) => unknown),
    condition: WriteCondition = {},
  ): KeyValue {
    const prev = this.#keys.get(key);
    this.#check(key, prev, condition);
    const revision = ++this.#revision;
    const kv: KeyValue = {
      key,
      value: typeof value === "function" ? (value as (revision: number) => unknown)(revision) : value,
      createRevision: prev ? prev.createRevision : revision,
      modRevision: revision,
      version: prev ? prev.version + 1 : 1,
    };
    this.#keys.set(key, kv);
    if (!prev) {
      const dir = dirOf(key);
      const keys = this.#dirs.get(dir) ?? new Set<string>();
      this.#dirs.set(dir, keys);
      keys.add(key);
    }
    this.#emit(prev ? { type: "PUT", revision, kv, prevKv: prev } : { type: "PUT", revision, kv });
    return kv;
  }

  /** Delete `key`; returns the deleted key-value. */
  delete(key: string, condition: WriteCondition = {}): KeyValue {
    const prev = this.#keys.get(key);
    this.#check(key, prev, condition);
    if (!prev) throw new PreconditionFailedError(key, undefined);
    const revision = ++this.#revision;
    this.#keys.delete(key);
    const dir = dirOf(key);
    const keys = this.#dirs.get(dir);
    keys?.delete(key);
    if (keys?.size === 0) this.#dirs.delete(dir);
    const kv: KeyValue = { ...prev, modRevision: revision };
    this.#emit({ type: "DELETE", revision, kv, prevKv: prev });
    return kv;
  }

  /**
   * Watch keys under `prefix` from `fromRevision` (inclusive): history at or after it is replayed
   * synchronously, then every commit is reported as it happens.
   */
  watch(prefix: string, fromRevision: number, handler: (event: StoreEvent) => void): StoreWatch {
    const watcher: Watcher = { prefix, handler, active: true };
    if (fromRevision > 0) for (const event of this.history(prefix, fromRevision)) handler(event);
    this.#watchers = [...this.#watchers, watcher];
    this.#byDir.clear();
    return {
      cancel: () => {
        watcher.active = false;
        this.#watchers = this.#watchers.filter((w) => w !== watcher);
        this.#byDir.clear();
      },
    };
  }

  /** Committed events under `prefix` with revision >= `fromRevision`; throws if compacted. */
  history(prefix: string, fromRevision: number): StoreEvent[] {
    if (fromRevision <= this.#compactRevision) throw new CompactedError(fromRevision, this.#compactRevision);
    const out: StoreEvent[] = [];
    let lo = 0;
    let hi = this.#history.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.#history[mid] as StoreEvent).revision < fromRevision) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < this.#history.length; i++) {
      const event = this.#history[i] as StoreEvent;
      if (event.kv.key.startsWith(prefix)) out.push(event);
    }
    return out;
  }

  /** Drop history at or below `revision`; later watches from there fail with CompactedError. */
  compact(revision: number): void {
    if (revision <= this.#compactRevision) return;
    this.#compactRevision = Math.min(revision, this.#revision);
    const keepFrom = this.#history.findIndex((e) => e.revision > this.#compactRevision);
    this.#history = keepFrom < 0 ? [] : this.#history.slice(keepFrom);
  }

  /** Every stored key-value (for snapshots and diagnostics), in key order. */
  all(): KeyValue[] {
    return this.range("");
  }

  #check(key: string, current: KeyValue | undefined, condition: WriteCondition): void {
    if (condition.expectModRevision === undefined) return;
    const actual = current?.modRevision ?? 0;
    if (actual !== condition.expectModRevision) throw new PreconditionFailedError(key, current);
  }

  #emit(event: StoreEvent): void {
    this.#history.push(event);
    // The lists are copy-on-write: handlers that add or stop watches do not disturb this loop.
    const key = event.kv.key;
    const watchers = this.#watchersFor(dirOf(key));
    for (let i = 0; i < watchers.length; i++) {
      const watcher = watchers[i] as Watcher;
      if (watcher.active && key.startsWith(watcher.prefix)) watcher.handler(event);
    }
  }

  /**
   * The watchers that may see keys of a directory: those whose prefix the directory starts with,
   * plus any whose prefix is longer than the directory (checked per key). Cached per directory.
   */
  #watchersFor(dir: string): readonly Watcher[] {
    let list = this.#byDir.get(dir);
    if (!list) {
      list = this.#watchers.filter((w) => dir.startsWith(w.prefix) || w.prefix.startsWith(dir));
      this.#byDir.set(dir, list);
    }
    return list;
  }
}
