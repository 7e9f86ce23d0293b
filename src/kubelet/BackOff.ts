/** Initial back-off of crashed containers and failed pulls (kubelet `backOffPeriod`). */
export const BACKOFF_INITIAL_MS = 10_000;
/** Maximum back-off (kubelet `MaxContainerBackOff`). */
export const BACKOFF_MAX_MS = 300_000;

/**
 * client-go's `flowcontrol.Backoff` without jitter, as the kubelet uses it for container restarts
 * and image pulls: per key, the delay starts at 10 s and doubles to 300 s; an entry not updated
 * for twice the maximum (10 minutes) starts over.
 *
 * @example
 * ```ts
 * const backOff = new BackOff(() => loop.now());
 * backOff.next("web_default_uid_app", finishedAt); // 10 s
 * backOff.isInBackOffSince("web_default_uid_app", finishedAt); // true for 10 s after finishedAt
 * ```
 */
export class BackOff {
  readonly #now: () => number;
  readonly #initial: number;
  readonly #max: number;
  readonly #entries = new Map<string, { backoff: number; lastUpdate: number }>();

  constructor(now: () => number, initial = BACKOFF_INITIAL_MS, max = BACKOFF_MAX_MS) {
    this.#now = now;
    this.#initial = initial;
    this.#max = max;
  }

  #expired(eventTime: number, lastUpdate: number): boolean {
    return eventTime - lastUpdate > this.#max * 2;
  }

  /** The current delay for `key` (0 when none). */
  get(key: string): number {
    return this.#entries.get(key)?.backoff ?? 0;
  }

  /** Move `key` to its next delay (or start over), as of `eventTime`. */
  next(key: string, eventTime: number): void {
    const entry = this.#entries.get(key);
    if (!entry || this.#expired(eventTime, entry.lastUpdate)) {
      this.#entries.set(key, { backoff: this.#initial, lastUpdate: this.#now() });
      return;
    }
    entry.backoff = Math.min(entry.backoff * 2, this.#max);
    entry.lastUpdate = this.#now();
  }

  /** Whether `key` is still backing off from something that happened at `eventTime`. */
  isInBackOffSince(key: string, eventTime: number): boolean {
    const entry = this.#entries.get(key);
    if (!entry || this.#expired(eventTime, entry.lastUpdate)) return false;
    return this.#now() - eventTime < entry.backoff;
  }

  /** Whether `key` is still backing off from its last update (image pulls). */
  isInBackOffSinceUpdate(key: string): boolean {
    const entry = this.#entries.get(key);
    if (!entry || this.#expired(this.#now(), entry.lastUpdate)) return false;
    return this.#now() - entry.lastUpdate < entry.backoff;
  }

  /** Forget `key`. */
  reset(key: string): void {
    this.#entries.delete(key);
  }

  /** Drop entries idle for twice the maximum (client-go's GC). */
  gc(): void {
    const now = this.#now();
    for (const [key, entry] of this.#entries)
      if (now - entry.lastUpdate > this.#max * 2) this.#entries.delete(key);
  }
}
