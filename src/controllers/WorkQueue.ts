import type { EventLoop } from "../clock/EventLoop.ts";

const BASE_DELAY_MS = 5;
const MAX_DELAY_MS = 1000 * 1000;

/**
 * A de-duplicating work queue of keys with per-item exponential retry (client-go's rate-limiting
 * workqueue: 5 ms doubling to 1000 s). Keys are processed one at a time, each in its own step of
 * the event loop.
 *
 * @example
 * ```ts
 * const queue = new WorkQueue(loop, (key) => reconcile(key));
 * queue.add("default/web");
 * ```
 */
export class WorkQueue {
  readonly #loop: EventLoop;
  readonly #process: (key: string) => void;
  readonly #pending: string[] = [];
  readonly #queued = new Set<string>();
  readonly #failures = new Map<string, number>();
  #draining = false;
  #stopped = false;

  constructor(loop: EventLoop, process: (key: string) => void) {
    this.#loop = loop;
    this.#process = process;
  }

  add(key: string): void {
    if (this.#stopped || this.#queued.has(key)) return;
    this.#queued.add(key);
    this.#pending.push(key);
    this.#schedule();
  }

  /** Add after a delay (AddAfter). */
  addAfter(key: string, millis: number): void {
    if (this.#stopped) return;
    this.#loop.setTimeout(() => this.add(key), millis);
  }

  /** Retry with this key's exponential back-off (AddRateLimited). */
  retry(key: string): void {
    const failures = this.#failures.get(key) ?? 0;
    this.#failures.set(key, failures + 1);
    this.addAfter(key, Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** failures));
  }

  /** The key succeeded: reset its back-off (Forget). */
  forget(key: string): void {
    this.#failures.delete(key);
  }

  get length(): number {
    return this.#pending.length;
  }

  stop(): void {
    this.#stopped = true;
    this.#pending.length = 0;
    this.#queued.clear();
  }

  start(): void {
    this.#stopped = false;
  }

  #schedule(): void {
    if (this.#draining) return;
    this.#draining = true;
    this.#loop.enqueue(() => this.#step());
  }

  #step(): void {
    this.#draining = false;
    const key = this.#pending.shift();
    if (key === undefined) return;
    this.#queued.delete(key);
    try {
      this.#process(key);
    } catch {
      this.retry(key);
    }
    if (this.#pending.length > 0) this.#schedule();
  }
}
