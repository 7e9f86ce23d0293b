/**
 * The node controller's per-zone queue of nodes to taint, drained through a token bucket
 * (pkg/controller/nodelifecycle/scheduler/rate_limited_queue.go with flowcontrol's
 * TokenBucketRateLimiter): at most `qps` nodes a second after a burst of one.
 *
 * @example
 * ```ts
 * const queue = new RateLimitedTimedQueue(0.1, now);
 * queue.add("node-1", now);
 * queue.try(now, (name) => true);
 * ```
 */
export class RateLimitedTimedQueue {
  readonly #items: string[] = [];
  #qps: number;
  #tokens = 1;
  #last: number;

  constructor(qps: number, now: number) {
    this.#qps = qps;
    this.#last = now;
  }

  add(name: string, _now: number): boolean {
    if (this.#items.includes(name)) return false;
    this.#items.push(name);
    return true;
  }

  remove(name: string): void {
    const i = this.#items.indexOf(name);
    if (i >= 0) this.#items.splice(i, 1);
  }

  /** SwapLimiter: a new rate (0 stops processing). */
  swapLimiter(qps: number, now: number): void {
    if (qps === this.#qps) return;
    this.#refill(now);
    this.#qps = qps;
    this.#tokens = qps > 0 ? Math.min(this.#tokens, 1) : 0;
  }

  get qps(): number {
    return this.#qps;
  }

  #refill(now: number): void {
    this.#tokens = Math.min(1, this.#tokens + ((now - this.#last) / 1000) * this.#qps);
    this.#last = now;
  }

  /** Process queued names while tokens last; `fn` returns false to keep a name for a retry. */
  try(now: number, fn: (name: string) => boolean): void {
    this.#refill(now);
    while (this.#items.length > 0) {
      if (this.#qps <= 0 || this.#tokens < 1) return;
      this.#tokens -= 1;
      const name = this.#items.shift() as string;
      if (!fn(name)) this.#items.push(name);
    }
  }
}
