import { setup } from "xstate";

/** Events a pod worker's statechart accepts. */
export type PodEvent =
  | { type: "SANDBOX_READY" }
  | { type: "CONTAINERS_STARTED" }
  | { type: "TERMINATE" }
  | { type: "CONTAINERS_STOPPED" }
  | { type: "KILL" };

/**
 * The lifecycle of a pod on its node, as the kubelet's pod worker drives it: create the sandbox
 * (network namespace, pod IP), pull and start the containers, run, and on deletion stop the
 * containers (TERM, then KILL at the end of the grace period) before the pod is terminated.
 * Actions and delays are supplied by {@link PodWorker} with `machine.provide`.
 *
 * @example
 * ```ts
 * createActor(podMachine.provide({ actions: { ... }, delays: { gracePeriod: 30_000 } }), { clock: loop }).start();
 * ```
 */
export const podMachine = setup({
  types: { events: {} as PodEvent },
  actions: {
    createSandbox: () => {},
    startContainers: () => {},
    stopContainers: () => {},
    killContainers: () => {},
    reportTerminated: () => {},
  },
  delays: { gracePeriod: 30_000 },
}).createMachine({
  id: "pod",
  initial: "pending",
  states: {
    pending: {
      initial: "sandbox",
      on: { TERMINATE: "terminating" },
      states: {
        sandbox: {
          entry: "createSandbox",
          on: { SANDBOX_READY: "containers" },
        },
        containers: {
          entry: "startContainers",
          on: { CONTAINERS_STARTED: "#pod.running" },
        },
      },
    },
    running: {
      on: { TERMINATE: "terminating" },
    },
    terminating: {
      entry: "stopContainers",
      on: { CONTAINERS_STOPPED: "terminated", KILL: { actions: "killContainers" } },
      after: { gracePeriod: { actions: "killContainers" } },
    },
    terminated: {
      type: "final",
      entry: "reportTerminated",
    },
  },
});
