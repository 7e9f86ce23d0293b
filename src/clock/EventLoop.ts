import { TimerHeap } from "./TimerHeap.ts";

/** A unit of zero-delay work queued on the loop. */
export type Task = () => void;

/** Handle returned by {@link EventLoop.setTimeout}; pass it to {@link EventLoop.clearTimeout}. */
export interface TimerHandle {
  readonly id: number;
}

/** Thrown when the cluster keeps producing zero-delay work and never becomes quiescent. */
export class SettleLimitError extends Error {
  constructor(steps: number) {
    super(
      `the simulated cluster did not settle after ${steps} steps at the same virtual instant; ` +
        "two components are probably fighting over an object",
    );
    this.name = "SettleLimitError";
  }
}

/**
 * The single virtual clock and deterministic event loop every simulated component runs on.
 *
 * Zero-delay work (watch deliveries, component wake-ups) is a FIFO of tasks; delayed work is a timer
 * heap ordered by (due time, creation order). Nothing here reads wall time: `now` moves only when
 * {@link EventLoop.advance} jumps to the next timer. It also implements XState's `clock` interface
 * (`setTimeout`/`clearTimeout`), so delayed transitions (`after`) run on the same clock.
 *
 * @example
 * ```ts
 * const loop = new EventLoop(Date.UTC(2025, 0, 1));
 * loop.setTimeout(() => console.log("ten seconds later"), 10_000);
 * loop.advance(60_000); // fires the timer, then settles
 * ```
 */
export class EventLoop {
  #now: number;
  readonly #tasks: Task[] = [];
  #head = 0;
  readonly #timers = new TimerHeap();
  #nextTimerId = 1;
  #running = false;
  /** Upper bound on zero-delay steps in one settle; guards against livelock. */
  readonly settleLimit: number;

  constructor(startMillis: number, options: { settleLimit?: number } = {}) {
    this.#now = startMillis;
    this.settleLimit = options.settleLimit ?? 5_000_000;
  }

  /** Current virtual time in milliseconds since the Unix epoch. */
  now(): number {
    return this.#now;
  }

  /** Queue zero-delay work; it runs in FIFO order during the next settle. */
  enqueue(task: Task): void {
    this.#tasks.push(task);
  }

  /** Schedule `fn` to run `delayMillis` of virtual time from now. */
  setTimeout(fn: () => void, delayMillis: number): TimerHandle {
    const id = this.#nextTimerId++;
    const due = this.#now + Math.max(0, Number.isFinite(delayMillis) ? delayMillis : 0);
    this.#timers.push({ due, id, fn });
    return { id };
  }

  /** Cancel a timer; unknown or already fired handles are ignored. */
  clearTimeout(handle: TimerHandle | undefined): void {
    if (handle) this.#timers.cancel(handle.id);
  }

  /** Number of queued zero-delay tasks plus live timers (for diagnostics). */
  pending(): { tasks: number; timers: number } {
    return { tasks: this.#tasks.length - this.#head, timers: this.#timers.size };
  }

  /** Due time of the earliest live timer, if any. */
  nextTimerAt(): number | undefined {
    return this.#timers.peek()?.due;
  }

  /**
   * Run every queued task, and every timer due at the current instant, until nothing is left to do
   * at this virtual time.
   */
  settle(): void {
    if (this.#running) return; // re-entrant call from inside a task: the outer loop finishes the work
    this.#running = true;
    let steps = 0;
    try {
      for (;;) {
        if (this.#head < this.#tasks.length) {
          const task = this.#tasks[this.#head] as Task;
          this.#tasks[this.#head] = noop;
          this.#head++;
          if (this.#head > 1024 && this.#head * 2 > this.#tasks.length) {
            this.#tasks.splice(0, this.#head);
            this.#head = 0;
          }
          task();
        } else {
          const timer = this.#timers.peek();
          if (!timer || timer.due > this.#now) break;
          this.#timers.pop();
          timer.fn();
        }
        if (++steps > this.settleLimit) throw new SettleLimitError(steps);
      }
    } finally {
      this.#running = false;
    }
  }

  /**
   * Move virtual time forward by `millis`, firing each timer at its due time (and settling after
   * each), then settle at the target time.
   */
  advance(millis: number): void {
    this.advanceUntil(this.#now + millis, () => false);
  }

  /**
   * Advance timer by timer up to `deadline`, checking `done` after settling at each instant
   * (including the current one). Returns true as soon as `done()` holds, false at the deadline.
   */
  advanceUntil(deadline: number, done: () => boolean): boolean {
    this.settle();
    if (done()) return true;
    for (;;) {
      const next = this.#timers.peek();
      if (!next || next.due > deadline) break;
      this.#now = Math.max(this.#now, next.due);
      this.settle();
      if (done()) return true;
    }
    if (deadline > this.#now) {
      this.#now = deadline;
      this.settle();
    }
    return done();
  }
}

function noop(): void {}
