import { createMachine } from "xstate";
import { statechartVisits } from "../../cluster/StatechartVisits.ts";

/** Events in a container's life, as containerd reports them. */
export type ContainerEvent =
  | { type: "START" }
  | { type: "START_FAILED" }
  | { type: "STOP" }
  | { type: "EXIT" };

/**
 * The lifecycle of one container in the runtime: created, then started (or failing to start:
 * `StartError`), running, stopping once a stop signal was sent (TERM, or the image's STOPSIGNAL),
 * and exited (by itself, by KILL at the end of the grace period, or by the OOM killer).
 */
export const containerMachine = createMachine({
  id: "container",
  initial: "created",
  states: {
    created: { on: { START: "running", START_FAILED: "exited" } },
    running: { on: { STOP: "stopping", EXIT: "exited" } },
    stopping: { on: { EXIT: "exited" } },
    exited: { type: "final" },
  },
});

/** A container state: a state of {@link containerMachine}. */
export type ContainerState = "created" | "running" | "stopping" | "exited";

/**
 * The machine's transitions as a table, so each container's state is a plain string stepped by a
 * lookup: a container costs no actor and no snapshot object (hundreds of thousands of containers
 * stay cheap), while the statechart above remains the single definition of what may happen.
 */
const TRANSITIONS: ReadonlyMap<string, string> = (() => {
  const table = new Map<string, string>();
  const states = containerMachine.config.states as Record<string, { on?: Record<string, string> }>;
  for (const [state, node] of Object.entries(states)) {
    for (const [event, target] of Object.entries(node.on ?? {})) table.set(`${state}:${event}`, target);
  }
  return table;
})();

/**
 * The state after `event`; an event the machine does not accept in `state` is a bug in the
 * runtime and throws.
 *
 * @example
 * ```ts
 * nextContainerState("running", { type: "STOP" }); // "stopping"
 * ```
 */
export function nextContainerState(state: ContainerState, event: ContainerEvent): ContainerState {
  const next = TRANSITIONS.get(`${state}:${event.type}`);
  if (!next) throw new Error(`container in state ${state} cannot take ${event.type}`);
  statechartVisits.step("container", `container.${state}`, `container.${next}`, event.type);
  return next as ContainerState;
}
