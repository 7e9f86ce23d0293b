import type { EventLoop, TimerHandle } from "../clock/EventLoop.ts";

/** The generic PLEG's relist period. */
export const RELIST_PERIOD_MS = 1000;

/**
 * The kubelet's pod lifecycle event generator, as the generic PLEG behaves: container changes are
 * noticed at the next relist (every second) and wake the pod's worker. Only a pending change
 * arms the relist timer, so idle nodes cost nothing.
 *
 * @example
 * ```ts
 * const pleg = new Pleg(loop, (uid) => workers.get(uid)?.requestSync());
 * pleg.changed(pod.metadata.uid); // the worker syncs at the next whole relist second
 * ```
 */
export class Pleg {
  readonly #loop: EventLoop;
  readonly #base: number;
  readonly #notify: (podUid: string) => void;
  readonly #pending = new Set<string>();
  #timer: TimerHandle | undefined;

  constructor(loop: EventLoop, notify: (podUid: string) => void) {
    this.#loop = loop;
    this.#base = loop.now();
    this.#notify = notify;
  }

  /** A container or sandbox of the pod changed. */
  changed(podUid: string): void {
    this.#pending.add(podUid);
    if (this.#timer) return;
    const now = this.#loop.now();
    const next = this.#base + (Math.floor((now - this.#base) / RELIST_PERIOD_MS) + 1) * RELIST_PERIOD_MS;
    this.#timer = this.#loop.setTimeout(() => this.#relist(), next - now);
  }

  #relist(): void {
    this.#timer = undefined;
    const uids = [...this.#pending];
    this.#pending.clear();
    for (const uid of uids) this.#notify(uid);
  }

  /** Forget pending changes (the kubelet stopped). */
  reset(): void {
    this.#loop.clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#pending.clear();
  }
}
