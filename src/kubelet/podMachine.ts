import { setup } from "xstate";

/** Events a pod worker's statechart accepts. */
export type PodEvent =
  | { type: "SYNC" }
  | { type: "SYNC_DONE"; failed: boolean }
  | { type: "TERMINATE" }
  | { type: "STOPPED" };

/** Requeue delay after a sync that failed (a container backing off, a failed pull): kubelet `backOffPeriod`. */
export const SYNC_RETRY_MS = 10_000;

/**
 * A pod's life on its node, as the kubelet's pod worker drives it (pkg/kubelet/pod_workers.go):
 * `syncing` runs SyncPod whenever something changed (a container started or died, a probe
 * failed, the pod was updated) and again 10 s after a sync that hit an error (a crash-looping
 * container, an image that cannot be pulled); `terminating` stops the containers (preStop, stop
 * signal, KILL at the end of the grace period); `terminated` removes the sandbox.
 * Actions, guards and delays are supplied by {@link PodWorker} with `machine.provide`.
 *
 * @example
 * ```ts
 * createActor(podMachine.provide({ actions: { syncPod, ... } }), { clock: loop }).start();
 * ```
 */
export const podMachine = setup({
  types: { events: {} as PodEvent },
  actions: {
    syncPod: () => {},
    markPending: () => {},
    cancelSync: () => {},
    terminatePod: () => {},
    cleanup: () => {},
  },
  guards: {
    pending: () => false,
    failed: ({ event }) => event.type === "SYNC_DONE" && event.failed,
  },
  delays: { retry: SYNC_RETRY_MS },
}).createMachine({
  id: "pod",
  initial: "syncing",
  states: {
    syncing: {
      initial: "working",
      on: { TERMINATE: "terminating" },
      exit: "cancelSync",
      states: {
        working: {
          entry: "syncPod",
          on: {
            SYNC: { actions: "markPending" },
            SYNC_DONE: [
              { guard: "pending", target: "working", reenter: true },
              { guard: "failed", target: "backingOff" },
              { target: "idle" },
            ],
          },
        },
        idle: { on: { SYNC: "working" } },
        backingOff: {
          on: { SYNC: "working" },
          after: { retry: "working" },
        },
      },
    },
    terminating: {
      entry: "terminatePod",
      on: { STOPPED: "terminated" },
    },
    terminated: {
      type: "final",
      entry: "cleanup",
    },
  },
});
