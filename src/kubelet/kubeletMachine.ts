import { setup } from "xstate";

/** Events the kubelet actor accepts. */
export type KubeletEvent =
  | { type: "REGISTERED" }
  | { type: "STOP" }
  | { type: "START" }
  | { type: "PARTITION" }
  | { type: "HEAL" }
  | { type: "RESTART" };

/** kubelet --node-status-update-frequency and the lease renew interval. */
export const HEARTBEAT_MS = 10_000;

/**
 * The kubelet's modes: it registers its Node, then runs — renewing its Lease and checking node
 * status every 10 s — until it is stopped (the node failed), from which it can start again. A
 * partitioned kubelet keeps its containers running but reaches no apiserver; healed, it lists its
 * pods again and reports at once. A restart (the process, not the machine) registers again and
 * keeps the containers.
 * Actions are supplied by {@link Kubelet} with `machine.provide`.
 */
export const kubeletMachine = setup({
  types: { events: {} as KubeletEvent },
  actions: {
    register: () => {},
    heartbeat: () => {},
    shutdown: () => {},
    disconnect: () => {},
    reconnect: () => {},
    restarting: () => {},
  },
  delays: { heartbeat: HEARTBEAT_MS },
}).createMachine({
  id: "kubelet",
  initial: "registering",
  states: {
    registering: {
      entry: "register",
      on: { REGISTERED: "running", STOP: "stopped", PARTITION: "partitioned" },
      after: { heartbeat: { target: "registering", reenter: true } },
    },
    running: {
      on: {
        STOP: "stopped",
        PARTITION: "partitioned",
        RESTART: { target: "registering", actions: "restarting" },
      },
      after: { heartbeat: { target: "running", reenter: true, actions: "heartbeat" } },
    },
    partitioned: {
      entry: "disconnect",
      on: { HEAL: { target: "running", actions: "reconnect" }, STOP: "stopped" },
    },
    stopped: {
      entry: "shutdown",
      on: { START: "registering" },
    },
  },
});
