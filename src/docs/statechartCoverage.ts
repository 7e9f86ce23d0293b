import type { VisitedStatecharts } from "../cluster/StatechartVisits.ts";
import { COMPONENT_MACHINES } from "./componentMachines.ts";
import { statechartParts } from "./statechartDiagram.ts";

/** Coverage of one machine: what the run visited and what it did not. */
export interface MachineCoverage {
  name: string;
  states: { visited: string[]; unvisited: string[] };
  transitions: { visited: string[]; unvisited: string[] };
}

/**
 * Which states and transitions of each component machine a run visited, from the visits recorded
 * by {@link StatechartVisits} (each scenario attaches its own; see {@link mergeStatechartVisits}).
 *
 * @example
 * ```ts
 * statechartCoverage({ etcd: { states: ["etcd.healthy"], transitions: [] } })[0].states.unvisited;
 * // ["etcd.unavailable"]
 * ```
 */
export function statechartCoverage(visits: VisitedStatecharts): MachineCoverage[] {
  return COMPONENT_MACHINES.map(({ name, machine }) => {
    const parts = statechartParts(machine);
    const seen = visits[machine.id] ?? { states: [], transitions: [] };
    const states = new Set(seen.states);
    const transitions = new Set(seen.transitions);
    return {
      name,
      states: {
        visited: parts.states.filter((s) => states.has(s)),
        unvisited: parts.states.filter((s) => !states.has(s)),
      },
      transitions: {
        visited: parts.transitions.filter((t) => transitions.has(t.key)).map((t) => t.label),
        unvisited: parts.transitions.filter((t) => !transitions.has(t.key)).map((t) => t.label),
      },
    };
  });
}

/** All the visits of a run: the union of what its scenarios attached. */
export function mergeStatechartVisits(
  visits: readonly (VisitedStatecharts | undefined)[],
): VisitedStatecharts {
  const states = new Map<string, Set<string>>();
  const transitions = new Map<string, Set<string>>();
  const add = (map: Map<string, Set<string>>, machine: string, items: readonly string[]) => {
    const set = map.get(machine) ?? new Set<string>();
    for (const i of items) set.add(i);
    map.set(machine, set);
  };
  for (const v of visits) {
    for (const [machine, seen] of Object.entries(v ?? {})) {
      add(states, machine, seen.states);
      add(transitions, machine, seen.transitions);
    }
  }
  const out: VisitedStatecharts = {};
  for (const machine of new Set([...states.keys(), ...transitions.keys()])) {
    out[machine] = {
      states: [...(states.get(machine) ?? [])].sort(),
      transitions: [...(transitions.get(machine) ?? [])].sort(),
    };
  }
  return out;
}

/** The coverage as the text `npm test` prints: a line per machine, then the unvisited parts. */
export function formatStatechartCoverage(coverage: readonly MachineCoverage[]): string {
  const lines = ["Statechart coverage (states, transitions visited by the scenarios):"];
  for (const m of coverage) {
    const s = m.states.visited.length;
    const st = s + m.states.unvisited.length;
    const t = m.transitions.visited.length;
    const tt = t + m.transitions.unvisited.length;
    lines.push(`  ${m.name.padEnd(24)} states ${s}/${st}  transitions ${t}/${tt}`);
    for (const u of m.states.unvisited) lines.push(`    unvisited state: ${u}`);
    for (const u of m.transitions.unvisited) lines.push(`    unvisited transition: ${u}`);
  }
  return `${lines.join("\n")}\n`;
}
