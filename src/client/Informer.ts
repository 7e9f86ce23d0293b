import type { KubeObject } from "../api/types.ts";
import { keyOf } from "../api/types.ts";
import type { ListOptions } from "../apiserver/ApiServer.ts";
import type { WatchEvent, WatchHandle } from "../apiserver/WatchCache.ts";
import type { EventLoop } from "../clock/EventLoop.ts";
import type { ResourceClient } from "./Client.ts";

/** Callbacks of an informer (cache.ResourceEventHandlerFuncs). */
export interface InformerHandlers<T> {
  add?(object: T): void;
  update?(object: T, old: T): void;
  delete?(object: T): void;
}

const RETRY_MS = 1000;

/**
 * A shared informer: lists, then watches from the list's resourceVersion, keeps a local cache keyed
 * by namespace/name and calls handlers in event order. If the apiserver cannot be reached it retries
 * every second of virtual time (the reflector's back-off, simplified).
 *
 * @example
 * ```ts
 * const pods = new Informer(loop, client.resource<Pod>("pods"), { fieldSelector: "spec.nodeName=" });
 * pods.on({ add: (pod) => queue.push(pod) });
 * pods.start();
 * ```
 */
export class Informer<T extends object = KubeObject> {
  readonly #loop: EventLoop;
  readonly #client: ResourceClient<T>;
  readonly #namespace: string | undefined;
  readonly #options: ListOptions;
  readonly #handlers: InformerHandlers<T>[] = [];
  readonly #store = new Map<string, T>();
  #watch: WatchHandle | undefined;
  #running = false;
  #synced = false;

  constructor(
    loop: EventLoop,
    client: ResourceClient<T>,
    options: ListOptions & { namespace?: string } = {},
  ) {
    this.#loop = loop;
    this.#client = client;
    const { namespace, ...rest } = options;
    this.#namespace = namespace;
    this.#options = rest;
  }

  on(handlers: InformerHandlers<T>): this {
    this.#handlers.push(handlers);
    return this;
  }

  /** Whether the initial list has been delivered. */
  get hasSynced(): boolean {
    return this.#synced;
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#listAndWatch();
  }

  stop(): void {
    this.#running = false;
    this.#watch?.stop();
    this.#watch = undefined;
  }

  /** Cached object by namespace/name key. */
  get(key: string): T | undefined {
    return this.#store.get(key);
  }

  /** All cached objects. */
  list(): T[] {
    return [...this.#store.values()];
  }

  get size(): number {
    return this.#store.size;
  }

  #listAndWatch(): void {
    if (!this.#running) return;
    let resourceVersion: string;
    let items: T[];
    try {
      const result = this.#client.list(this.#namespace, { ...this.#options, resourceVersion: "0" });
      items = result.items;
      resourceVersion = result.resourceVersion;
      this.#watch = this.#client.watch(this.#namespace, { ...this.#options, resourceVersion }, (event) =>
        this.#onEvent(event),
      );
    } catch {
      this.#loop.setTimeout(() => this.#listAndWatch(), RETRY_MS);
      return;
    }
    // Replace semantics: objects gone while we were away are deleted, the rest re-added or updated.
    const seen = new Set<string>();
    for (const item of items) {
      const key = keyOf(item as unknown as KubeObject);
      seen.add(key);
      const old = this.#store.get(key);
      this.#store.set(key, item);
      this.#loop.enqueue(() => {
        for (const h of this.#handlers) {
          if (old) h.update?.(item, old);
          else h.add?.(item);
        }
      });
    }
    for (const [key, old] of [...this.#store]) {
      if (seen.has(key)) continue;
      this.#store.delete(key);
      this.#loop.enqueue(() => {
        for (const h of this.#handlers) h.delete?.(old);
      });
    }
    this.#loop.enqueue(() => {
      this.#synced = true;
    });
  }

  #onEvent(event: WatchEvent<T>): void {
    const object = event.object;
    const key = keyOf(object as unknown as KubeObject);
    switch (event.type) {
      case "ADDED":
      case "MODIFIED": {
        const old = this.#store.get(key);
        this.#store.set(key, object);
        for (const h of this.#handlers) {
          if (old) h.update?.(object, old);
          else h.add?.(object);
        }
        break;
      }
      case "DELETED": {
        const old = this.#store.get(key) ?? object;
        this.#store.delete(key);
        for (const h of this.#handlers) h.delete?.(old);
        break;
      }
      case "ERROR":
        this.#watch?.stop();
        this.#loop.setTimeout(() => this.#listAndWatch(), RETRY_MS);
        break;
      default:
        break;
    }
  }
}
