/** How long unmet expectations are trusted before a controller resyncs anyway (ExpectationsTimeout). */
export const EXPECTATIONS_TIMEOUT_MS = 5 * 60_000;

interface Expectation {
  add: number;
  del: number;
  at: number;
}

/**
 * ControllerExpectations (pkg/controller/controller_utils.go): a controller that created or deleted
 * pods waits until its informer has seen those changes before it counts pods again, so one sync
 * never acts twice on a stale cache.
 *
 * @example
 * ```ts
 * expectations.expectCreations("default/web", 3, now);
 * expectations.creationObserved("default/web"); // from the informer's add handler
 * expectations.satisfied("default/web", now); // false until all three were seen
 * ```
 */
export class ControllerExpectations {
  readonly #items = new Map<string, Expectation>();

  expectCreations(key: string, count: number, now: number): void {
    this.#items.set(key, { add: count, del: 0, at: now });
  }

  expectDeletions(key: string, count: number, now: number): void {
    this.#items.set(key, { add: 0, del: count, at: now });
  }

  creationObserved(key: string): void {
    const e = this.#items.get(key);
    if (e) e.add--;
  }

  deletionObserved(key: string): void {
    const e = this.#items.get(key);
    if (e) e.del--;
  }

  /** Whether the controller may sync the key: nothing pending, or the expectation expired. */
  satisfied(key: string, now: number): boolean {
    const e = this.#items.get(key);
    if (!e) return true;
    return (e.add <= 0 && e.del <= 0) || now - e.at > EXPECTATIONS_TIMEOUT_MS;
  }

  delete(key: string): void {
    this.#items.delete(key);
  }
}
