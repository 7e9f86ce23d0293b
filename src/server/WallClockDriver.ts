import type { EventLoop } from "../clock/EventLoop.ts";

/**
 * Makes a cluster's virtual clock follow wall time (`kubespec serve --time real`), optionally
 * faster (`--speed N`). It lives outside the simulation: only this driver reads the real clock; it
 * advances the event loop to `start + elapsed × speed` on a short real interval, and the
 * simulation still sees nothing but its EventLoop.
 *
 * @example
 * ```ts
 * const driver = new WallClockDriver(cluster.loop, { speed: 10 });
 * driver.start(); // one wall second is ten cluster seconds
 * driver.stop();
 * ```
 */
export class WallClockDriver {
  readonly #loop: EventLoop;
  readonly #speed: number;
  readonly #intervalMillis: number;
  readonly #wallNow: () => number;
  #timer: ReturnType<typeof setInterval> | undefined;
  #wallStart = 0;
  #virtualStart = 0;

  constructor(
    loop: EventLoop,
    options: { speed?: number; intervalMillis?: number; wallNow?: () => number } = {},
  ) {
    this.#loop = loop;
    this.#speed = options.speed ?? 1;
    if (!(this.#speed > 0)) throw new Error(`--speed must be a positive number, not ${options.speed}`);
    this.#intervalMillis = options.intervalMillis ?? 50;
    this.#wallNow = options.wallNow ?? (() => Date.now());
  }

  /** Start following wall time from now. */
  start(): void {
    if (this.#timer) return;
    this.#wallStart = this.#wallNow();
    this.#virtualStart = this.#loop.now();
    this.#timer = setInterval(() => this.tick(), this.#intervalMillis);
    this.#timer.unref?.();
  }

  /** Bring the virtual clock up to the wall clock (called on every interval). */
  tick(): void {
    const target = this.#virtualStart + Math.floor((this.#wallNow() - this.#wallStart) * this.#speed);
    if (target > this.#loop.now()) this.#loop.advance(target - this.#loop.now());
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
  }
}
