import { type Actor, createActor } from "xstate";
import type { EventLoop } from "../clock/EventLoop.ts";
import { statechartVisits } from "../cluster/StatechartVisits.ts";
import { etcdMachine } from "./etcdMachine.ts";
import { MvccStore } from "./MvccStore.ts";

/** Thrown for any request while the member is unavailable. */
export class EtcdUnavailableError extends Error {
  constructor() {
    super("etcdserver: request timed out");
    this.name = "EtcdUnavailableError";
  }
}

/**
 * The simulated etcd member: an MVCC store behind a statechart that can be made unavailable.
 * Reads and writes go through {@link Etcd.store} only after {@link Etcd.ensureAvailable}.
 *
 * @example
 * ```ts
 * const etcd = new Etcd(loop);
 * etcd.fail();
 * etcd.available; // false
 * ```
 */
export class Etcd {
  readonly store = new MvccStore();
  readonly actor: Actor<typeof etcdMachine>;
  /** Whether the actor is in `healthy`, kept up to date (every request asks). */
  #healthy = false;

  constructor(loop: EventLoop) {
    this.actor = createActor(etcdMachine, {
      clock: loop,
      inspect: statechartVisits.inspect,
      input: { compact: (revision) => this.store.compact(revision), revision: () => this.store.revision },
    });
    this.actor.subscribe((snapshot) => {
      this.#healthy = snapshot.matches("healthy");
    });
    this.actor.start();
    this.#healthy = this.actor.getSnapshot().matches("healthy");
  }

  get available(): boolean {
    return this.#healthy;
  }

  /** Throw {@link EtcdUnavailableError} unless the member serves requests. */
  ensureAvailable(): void {
    if (!this.available) throw new EtcdUnavailableError();
  }

  fail(): void {
    this.actor.send({ type: "FAIL" });
  }

  recover(): void {
    this.actor.send({ type: "RECOVER" });
  }
}
