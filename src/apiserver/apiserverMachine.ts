import { setup } from "xstate";

/** Events the kube-apiserver actor accepts. */
export type ApiServerEvent = { type: "STOP" } | { type: "START" };

/**
 * kube-apiserver's modes: serving requests and watches, or stopped (its static pod is gone: every
 * client gets "connection refused"). Actions are supplied by the cluster with `machine.provide`.
 *
 * @example
 * ```ts
 * createActor(apiserverMachine.provide({ actions: { serve, refuse } })).start();
 * ```
 */
export const apiserverMachine = setup({
  types: { events: {} as ApiServerEvent },
  actions: { serve: () => {}, refuse: () => {} },
}).createMachine({
  id: "kube-apiserver",
  initial: "serving",
  states: {
    serving: { entry: "serve", on: { STOP: "stopped" } },
    stopped: { entry: "refuse", on: { START: "serving" } },
  },
});
