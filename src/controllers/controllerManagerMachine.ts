import { setup } from "xstate";

/** Events the controller-manager actor accepts. */
export type ControllerManagerEvent = { type: "STOP" } | { type: "START" };

/**
 * kube-controller-manager's modes: running (every controller's informers and queues live) or
 * stopped (its static pod is gone; nothing reconciles). Actions come from {@link ControllerManager}.
 */
export const controllerManagerMachine = setup({
  types: { events: {} as ControllerManagerEvent },
  actions: { startControllers: () => {}, stopControllers: () => {} },
}).createMachine({
  id: "kube-controller-manager",
  initial: "running",
  states: {
    running: { entry: "startControllers", on: { STOP: "stopped" } },
    stopped: { entry: "stopControllers", on: { START: "running" } },
  },
});
