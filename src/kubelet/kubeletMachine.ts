import { assign, setup } from "xstate";

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
 * registerWithAPIServer's retry: the step starts at 100 ms and doubles after every attempt, up to
 * 7 s (kubelet_node_status.go). The first attempt here is made at once.
 */
const FIRST_REGISTER_RETRY_MS = 200;
const MAX_REGISTER_RETRY_MS = 7_000;

/**
 * The kubelet's modes: it registers its Node (retrying after 200 ms, 400 ms, … up to every 7 s),
 * then runs — renewing its Lease and checking node status every 10 s — until it is stopped (the
 * node failed), from which it can start again. A
 * partitioned kubelet keeps its containers running but reaches no apiserver; healed, it lists its
 * pods again and reports at once. A restart (the process, not the machine) registers again and
 * keeps the containers.
 * Actions are supplied by {@link Kubelet} with `machine.provide`.
 */
export const kubeletMachine = setup({
  types: { events: {} as KubeletEvent, context: {} as { registerRetryMs: number } },
  actions: {
    resetRegisterRetry: assign({ registerRetryMs: FIRST_REGISTER_RETRY_MS }),
    growRegisterRetry: assign({
      registerRetryMs: ({ context }) => Math.min(context.registerRetryMs * 2, MAX_REGISTER_RETRY_MS),
    }),
    register: () => {},
    heartbeat: () => {},
    shutdown: () => {},
    disconnect: () => {},
    reconnect: () => {},
    restarting: () => {},
  },
  delays: { heartbeat: HEARTBEAT_MS, registerRetry: ({ context }) => context.registerRetryMs },
}).createMachine({
  id: "kubelet",
  initial: "registering",
  context: { registerRetryMs: FIRST_REGISTER_RETRY_MS },
  states: {
    registering: {
      entry: "register",
      on: { REGISTERED: "running", STOP: "stopped", PARTITION: "partitioned" },
      after: { registerRetry: { target: "registering", reenter: true, actions: "growRegisterRetry" } },
    },
    running: {
      on: {
        STOP: "stopped",
        PARTITION: "partitioned",
        RESTART: { target: "registering", actions: ["restarting", "resetRegisterRetry"] },
      },
      after: { heartbeat: { target: "running", reenter: true, actions: "heartbeat" } },
    },
    partitioned: {
      entry: "disconnect",
      on: { HEAL: { target: "running", actions: "reconnect" }, STOP: "stopped" },
    },
    stopped: {
      entry: "shutdown",
      on: { START: { target: "registering", actions: "resetRegisterRetry" } },
    },
  },
});
