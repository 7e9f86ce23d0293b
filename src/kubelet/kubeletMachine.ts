import { setup } from "xstate";

/** Events the kubelet actor accepts. */
export type KubeletEvent = { type: "REGISTERED" } | { type: "STOP" } | { type: "START" };

/** kubelet --node-status-update-frequency and the lease renew interval. */
export const HEARTBEAT_MS = 10_000;

/**
 * The kubelet's modes: it registers its Node, then runs — renewing its Lease and checking node
 * status every 10 s — until it is stopped (the node failed), from which it can start again.
 * Actions are supplied by {@link Kubelet} with `machine.provide`.
 */
export const kubeletMachine = setup({
  types: { events: {} as KubeletEvent },
  actions: {
    register: () => {},
    heartbeat: () => {},
    shutdown: () => {},
  },
  delays: { heartbeat: HEARTBEAT_MS },
}).createMachine({
  id: "kubelet",
  initial: "registering",
  states: {
    registering: {
      entry: "register",
      on: { REGISTERED: "running", STOP: "stopped" },
      after: { heartbeat: { target: "registering", reenter: true } },
    },
    running: {
      on: { STOP: "stopped" },
      after: { heartbeat: { target: "running", reenter: true, actions: "heartbeat" } },
    },
    stopped: {
      entry: "shutdown",
      on: { START: "registering" },
    },
  },
});
