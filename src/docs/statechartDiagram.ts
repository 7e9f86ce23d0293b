import type { AnyStateMachine } from "xstate";
import { type DirectedGraphNode, toDirectedGraph } from "xstate/graph";
import { formatGoDuration } from "../clock/duration.ts";
import { transitionKey } from "../cluster/StatechartVisits.ts";

const AFTER = /^xstate\.after\.(.+)\.[^.]+(?:\.[^.]+)*$/;

function mermaidId(path: string): string {
  return path.replace(/[^A-Za-z0-9_]/g, "_");
}

/** The label of a transition: its event, or `after 10s` for delayed transitions. */
function edgeLabel(machine: AnyStateMachine, eventType: string, sourceId: string): string {
  if (!eventType.startsWith("xstate.after.")) return eventType || "(always)";
  const rest = eventType.slice("xstate.after.".length, eventType.length - sourceId.length - 1);
  const delays = (machine.implementations.delays ?? {}) as Record<string, unknown>;
  const value = /^\d+$/.test(rest) ? Number(rest) : delays[rest];
  if (typeof value === "number") return `after ${formatGoDuration(value)}`;
  return `after ${AFTER.test(eventType) ? rest : eventType}`;
}

/**
 * Draw a machine as a Mermaid `stateDiagram-v2`, from xstate's own graph of it: compound states
 * nest, initial states start from `[*]`, final states end in it, and delayed transitions are
 * labelled with their delay.
 *
 * @example
 * ```ts
 * toMermaid(etcdMachine).startsWith("stateDiagram-v2"); // true
 * ```
 */
export function toMermaid(machine: AnyStateMachine): string {
  const lines = ["stateDiagram-v2"];
  const emit = (node: DirectedGraphNode, depth: number) => {
    const pad = "  ".repeat(depth);
    for (const child of node.children) {
      const id = mermaidId(child.id);
      lines.push(`${pad}state "${child.stateNode.key}" as ${id}`);
      if (child.children.length > 0) {
        lines.push(`${pad}state ${id} {`);
        emit(child, depth + 1);
        lines.push(`${pad}}`);
      }
    }
    const initial = node.stateNode.initial?.target?.[0];
    if (initial) lines.push(`${pad}[*] --> ${mermaidId(initial.id)}`);
    for (const child of node.children) {
      for (const edge of child.edges) {
        lines.push(
          `${pad}${mermaidId(edge.source.id)} --> ${mermaidId(edge.target.id)}: ${edgeLabel(machine, edge.transition.eventType, edge.source.id)}`,
        );
      }
      if (child.stateNode.type === "final") lines.push(`${pad}${mermaidId(child.id)} --> [*]`);
    }
  };
  emit(toDirectedGraph(machine), 1);
  return `${lines.join("\n")}\n`;
}

/** Every state path (`running.idle`) and transition (`idle -WAKE-> scheduling`) of a machine. */
export function statesAndTransitions(machine: AnyStateMachine): { states: string[]; transitions: string[] } {
  const { states, transitions } = statechartParts(machine);
  return { states, transitions: transitions.map((t) => t.label) };
}

/**
 * The states and transitions of a machine with the keys {@link StatechartVisits} records them by
 * (`source|target|eventType`), for statechart coverage.
 *
 * @example
 * ```ts
 * statechartParts(etcdMachine).transitions[0]; // { key: "etcd.healthy|etcd.unavailable|FAIL", label: "etcd.healthy -> etcd.unavailable on FAIL" }
 * ```
 */
export function statechartParts(machine: AnyStateMachine): {
  states: string[];
  transitions: { key: string; label: string }[];
} {
  const states: string[] = [];
  const transitions: { key: string; label: string }[] = [];
  const walk = (node: DirectedGraphNode) => {
    for (const child of node.children) {
      states.push(child.id);
      for (const edge of child.edges) {
        transitions.push({
          key: transitionKey(edge.source.id, edge.target.id, edge.transition.eventType),
          label: `${edge.source.id} -> ${edge.target.id} on ${edgeLabel(machine, edge.transition.eventType, edge.source.id)}`,
        });
      }
      walk(child);
    }
  };
  walk(toDirectedGraph(machine));
  return { states, transitions };
}
