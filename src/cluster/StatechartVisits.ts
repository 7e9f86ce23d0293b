import type { InspectionEvent } from "xstate";

interface NodeLike {
  id: string;
}
interface TransitionLike {
  source: NodeLike;
  target?: readonly NodeLike[] | undefined;
  eventType: string;
}

/** The key of a transition: `source|target|eventType` with xstate's state node ids and raw event type. */
export function transitionKey(source: string, target: string, eventType: string): string {
  return `${source}|${target}|${eventType}`;
}

/** The media type of a scenario's statechart visits in the report: JSON {@link VisitedStatecharts}. */
export const STATECHART_VISITS_MEDIA_TYPE = "application/vnd.kubespec.statechart-visits+json";

/** What a run visited, per machine id: state node ids and transition keys ({@link transitionKey}). */
export interface VisitedStatecharts {
  [machineId: string]: { states: string[]; transitions: string[] };
}

/**
 * Records which states and transitions of the component statecharts actually ran, through XState's
 * inspection API: every component passes {@link StatechartVisits.inspect} as its actor's `inspect`
 * option. Recording is off until {@link StatechartVisits.enable} (the Cucumber support turns it on
 * and attaches each scenario's visits to the report), so benchmarks pay one branch per event.
 *
 * @example
 * ```ts
 * statechartVisits.enable();
 * createActor(etcdMachine, { inspect: statechartVisits.inspect }).start();
 * statechartVisits.toJSON().etcd.states; // ["etcd.healthy"]
 * ```
 */
export class StatechartVisits {
  #enabled = false;
  readonly #states = new Map<string, Set<string>>();
  readonly #transitions = new Map<string, Set<string>>();

  enable(): void {
    this.#enabled = true;
  }

  /** Forget what was visited (each scenario starts afresh). */
  reset(): void {
    this.#states.clear();
    this.#transitions.clear();
  }

  #set(map: Map<string, Set<string>>, machine: string): Set<string> {
    let set = map.get(machine);
    if (!set) {
      set = new Set();
      map.set(machine, set);
    }
    return set;
  }

  /** The inspection callback to give `createActor`. */
  readonly inspect = (event: InspectionEvent): void => {
    if (!this.#enabled) return;
    if (event.type === "@xstate.snapshot") {
      const nodes = (event.snapshot as { _nodes?: readonly NodeLike[] })._nodes;
      const machine = nodes?.[0]?.id;
      if (!nodes || !machine) return;
      const states = this.#set(this.#states, machine);
      for (const node of nodes.slice(1)) states.add(node.id);
    } else if (event.type === "@xstate.microstep") {
      const transitions = event._transitions as readonly TransitionLike[];
      for (const t of transitions) {
        const machine = t.source.id.split(".")[0] ?? t.source.id;
        const set = this.#set(this.#transitions, machine);
        for (const target of t.target ?? [t.source]) {
          set.add(transitionKey(t.source.id, target.id, t.eventType));
          // A final state of the root stops the actor before a snapshot reports it, so targets count.
          this.#set(this.#states, machine).add(target.id);
        }
      }
    }
  };

  /**
   * Record a transition of a table-driven machine that runs without an actor (the container
   * machine): both states and the transition count as visited.
   */
  step(machine: string, source: string, target: string, eventType: string): void {
    if (!this.#enabled) return;
    const states = this.#set(this.#states, machine);
    states.add(source);
    states.add(target);
    this.#set(this.#transitions, machine).add(transitionKey(source, target, eventType));
  }

  /** Everything visited so far. */
  toJSON(): VisitedStatecharts {
    const out: VisitedStatecharts = {};
    for (const machine of new Set([...this.#states.keys(), ...this.#transitions.keys()]).values()) {
      out[machine] = {
        states: [...(this.#states.get(machine) ?? [])].sort(),
        transitions: [...(this.#transitions.get(machine) ?? [])].sort(),
      };
    }
    return out;
  }
}

/** The process-wide recorder every component actor reports to. */
export const statechartVisits = new StatechartVisits();
