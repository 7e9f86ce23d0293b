import { setup } from "xstate";

/** Events the scheduler actor accepts. */
export type SchedulerEvent = { type: "WAKE" } | { type: "DRAINED" } | { type: "STOP" } | { type: "START" };

/**
 * kube-scheduler's modes: while running it is idle until a pod enters activeQ, then runs one
 * scheduling cycle per step (so other components interleave); stopped, it neither watches nor binds.
 * The actions are supplied by {@link Scheduler} with `machine.provide`.
 *
 * @example
 * ```ts
 * const actor = createActor(schedulerMachine.provide({ actions: { scheduleOne, stopInformers, startInformers } }));
 * ```
 */
export const schedulerMachine = setup({
  types: { events: {} as SchedulerEvent },
  actions: {
    scheduleOne: () => {},
    stopInformers: () => {},
    startInformers: () => {},
  },
}).createMachine({
  id: "kube-scheduler",
  initial: "running",
  states: {
    running: {
      initial: "idle",
      on: { STOP: "stopped" },
      states: {
        idle: { on: { WAKE: "scheduling" } },
        scheduling: {
          entry: "scheduleOne",
          on: { WAKE: { target: "scheduling", reenter: true }, DRAINED: "idle" },
        },
      },
    },
    stopped: {
      entry: "stopInformers",
      on: { START: { target: "running", actions: "startInformers" } },
    },
  },
});
