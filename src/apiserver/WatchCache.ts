import type { FieldSelector } from "../api/fields.ts";
import type { Selector } from "../api/labels.ts";
import type { KubeObject } from "../api/types.ts";
import type { EventLoop } from "../clock/EventLoop.ts";
import type { StoreEvent } from "../etcd/MvccStore.ts";

/** Watch event types as the API serves them. */
export type WatchEventType = "ADDED" | "MODIFIED" | "DELETED" | "BOOKMARK" | "ERROR";

/** One event on a watch stream. */
export interface WatchEvent<T = KubeObject> {
  readonly type: WatchEventType;
  readonly object: T;
}

/** What a watcher is interested in. */
export interface WatchFilter {
  readonly namespace?: string | undefined;
  readonly labels: Selector;
  readonly fields: FieldSelector;
}

/** A registered watcher. */
export interface Watcher {
  readonly id: number;
  readonly user: string;
  readonly filter: WatchFilter;
  readonly handler: (event: WatchEvent) => void;
  /** Field selector value on `spec.nodeName` this watcher is indexed under, if any. */
  readonly nodeName?: string | undefined;
  stopped: boolean;
  queue: WatchEvent[];
  scheduled: boolean;
}

/** Handle returned to a watching client. */
export interface WatchHandle {
  stop(): void;
}

/** Observer hook for recorded conversations. */
export type DeliveryObserver = (watcher: Watcher, event: WatchEvent) => void;

/**
 * The apiserver's watch cache for one resource (the Cacher): it follows etcd's changes under the
 * resource prefix and fans them out to client watches, filtered by namespace, label and field
 * selector. An object that starts or stops matching a watcher's selector is reported as ADDED or
 * DELETED to that watcher. Delivery is asynchronous, FIFO per watcher, on the event loop; watchers
 * that select `spec.nodeName=X` (kubelets) are indexed so a pod change costs O(interested).
 */
export class WatchCache {
  readonly #loop: EventLoop;
  readonly #fieldsOf: (object: KubeObject) => Record<string, string>;
  readonly #all: Watcher[] = [];
  readonly #byNode = new Map<string, Watcher[]>();
  #unindexed: Watcher[] = [];
  #observer: DeliveryObserver | undefined;

  constructor(loop: EventLoop, fieldsOf: (object: KubeObject) => Record<string, string>) {
    this.#loop = loop;
    this.#fieldsOf = fieldsOf;
  }

  set observer(observer: DeliveryObserver | undefined) {
    this.#observer = observer;
  }

  /** Number of live watchers. */
  get size(): number {
    return this.#all.length;
  }

  matches(filter: WatchFilter, object: KubeObject): boolean {
    if (filter.namespace && object.metadata.namespace !== filter.namespace) return false;
    if (!filter.labels.isEmpty() && !filter.labels.matches(object.metadata.labels)) return false;
    if (!filter.fields.isEmpty() && !filter.fields.matches(this.#fieldsOf(object))) return false;
    return true;
  }

  add(watcher: Watcher): WatchHandle {
    this.#all.push(watcher);
    if (watcher.nodeName !== undefined) {
      const list = this.#byNode.get(watcher.nodeName) ?? [];
      this.#byNode.set(watcher.nodeName, list);
      list.push(watcher);
    } else {
      this.#unindexed.push(watcher);
    }
    return { stop: () => this.#remove(watcher) };
  }

  /** Queue an event for one watcher (initial state, replayed history). */
  send(watcher: Watcher, event: WatchEvent): void {
    if (watcher.stopped) return;
    watcher.queue.push(event);
    if (!watcher.scheduled) {
      watcher.scheduled = true;
      this.#loop.enqueue(() => this.#drain(watcher));
    }
  }

  /** Fan a committed etcd change out to interested watchers. */
  dispatch(event: StoreEvent, toObject: (value: unknown, revision: number) => KubeObject): void {
    const current = toObject(event.kv.value, event.kv.modRevision);
    const previous = event.prevKv ? (event.prevKv.value as KubeObject) : undefined;
    // Each version's selectable fields are computed at most once per change, however many watch.
    let currentFields: Record<string, string> | undefined;
    let previousFields: Record<string, string> | undefined;
    for (const watcher of this.#candidates(current, previous)) {
      if (watcher.stopped) continue;
      const filter = watcher.filter;
      let was = false;
      if (previous !== undefined && this.#matchesObject(filter, previous)) {
        if (filter.fields.isEmpty()) was = true;
        else {
          previousFields ??= this.#fieldsOf(previous);
          was = filter.fields.matches(previousFields);
        }
      }
      if (event.type === "DELETE") {
        if (was) this.send(watcher, { type: "DELETED", object: current });
        continue;
      }
      let is = false;
      if (this.#matchesObject(filter, current)) {
        if (filter.fields.isEmpty()) is = true;
        else {
          currentFields ??= this.#fieldsOf(current);
          is = filter.fields.matches(currentFields);
        }
      }
      if (is && was) this.send(watcher, { type: "MODIFIED", object: current });
      else if (is) this.send(watcher, { type: "ADDED", object: current });
      else if (was) this.send(watcher, { type: "DELETED", object: current });
    }
  }

  /** The namespace and label parts of a filter. */
  #matchesObject(filter: WatchFilter, object: KubeObject): boolean {
    if (filter.namespace && object.metadata.namespace !== filter.namespace) return false;
    return filter.labels.isEmpty() || filter.labels.matches(object.metadata.labels);
  }

  /** Watchers that might care about a change, in registration order. */
  #candidates(current: KubeObject, previous: KubeObject | undefined): Watcher[] {
    if (this.#byNode.size === 0) return this.#unindexed;
    const nodeNow = nodeNameOf(current);
    const nodeBefore = previous ? nodeNameOf(previous) : undefined;
    const indexed = [...(this.#byNode.get(nodeNow) ?? [])];
    if (nodeBefore !== undefined && nodeBefore !== nodeNow)
      indexed.push(...(this.#byNode.get(nodeBefore) ?? []));
    if (indexed.length === 0) return this.#unindexed;
    return [...this.#unindexed, ...indexed].sort((a, b) => a.id - b.id);
  }

  #drain(watcher: Watcher): void {
    watcher.scheduled = false;
    const events = watcher.queue;
    watcher.queue = [];
    for (const event of events) {
      if (watcher.stopped) return;
      this.#observer?.(watcher, event);
      watcher.handler(event);
    }
  }

  #remove(watcher: Watcher): void {
    if (watcher.stopped) return;
    watcher.stopped = true;
    watcher.queue = [];
    const i = this.#all.indexOf(watcher);
    if (i >= 0) this.#all.splice(i, 1);
    if (watcher.nodeName !== undefined) {
      const list = this.#byNode.get(watcher.nodeName) ?? [];
      const j = list.indexOf(watcher);
      if (j >= 0) list.splice(j, 1);
      if (list.length === 0) this.#byNode.delete(watcher.nodeName);
    } else {
      this.#unindexed = this.#unindexed.filter((w) => w !== watcher);
    }
  }
}

function nodeNameOf(object: KubeObject): string {
  return ((object.spec as { nodeName?: string } | undefined)?.nodeName ?? "") as string;
}
