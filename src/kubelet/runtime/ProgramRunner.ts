import type { EventLoop, TimerHandle } from "../../clock/EventLoop.ts";
import type { Program } from "../shell/Shell.ts";

/**
 * Drives a {@link Program} (a generator yielding effects) on the virtual clock: a `sleep` becomes a
 * timer (an infinite one parks the program), a `call` waits for its callback. `kill()` stops it
 * where it stands, as SIGKILL would.
 *
 * @example
 * ```ts
 * const runner = new ProgramRunner(loop, program, (status) => console.log("exited", status));
 * runner.start();
 * ```
 */
export class ProgramRunner {
  readonly #loop: EventLoop;
  readonly #program: Program;
  readonly #onExit: (status: number) => void;
  #timer: TimerHandle | undefined;
  #token = 0;
  #done = false;

  constructor(loop: EventLoop, program: Program, onExit: (status: number) => void) {
    this.#loop = loop;
    this.#program = program;
    this.#onExit = onExit;
  }

  get done(): boolean {
    return this.#done;
  }

  start(): void {
    this.#step(undefined);
  }

  #step(value: unknown): void {
    if (this.#done) return;
    let result: IteratorResult<unknown, number>;
    try {
      result = this.#program.next(value);
    } catch (error) {
      this.#finish(1);
      throw error;
    }
    if (result.done) {
      this.#finish(result.value);
      return;
    }
    const effect = result.value as { sleep?: number; call?: (resume: (v: unknown) => void) => void };
    const token = ++this.#token;
    if (effect.sleep !== undefined) {
      if (!Number.isFinite(effect.sleep)) return; // sleep infinity: parked until killed
      this.#timer = this.#loop.setTimeout(() => {
        if (token === this.#token) this.#step(undefined);
      }, effect.sleep);
      return;
    }
    let resumed = false;
    effect.call?.((v) => {
      if (resumed || token !== this.#token) return;
      resumed = true;
      // Resume on the loop, never re-entrantly.
      this.#loop.enqueue(() => {
        if (token === this.#token) this.#step(v);
      });
    });
  }

  #finish(status: number): void {
    if (this.#done) return;
    this.#done = true;
    this.#token++;
    this.#loop.clearTimeout(this.#timer);
    this.#onExit(status);
  }

  /** Stop the program at once; `onExit` is not called. */
  kill(): void {
    if (this.#done) return;
    this.#done = true;
    this.#token++;
    this.#loop.clearTimeout(this.#timer);
    try {
      this.#program.return(137);
    } catch {
      // a program's finally block failing does not keep it alive
    }
  }
}
