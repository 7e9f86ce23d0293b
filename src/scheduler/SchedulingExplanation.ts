import { formatTabbed } from "../kubectl/tabwriter.ts";
import type { NodeExplanation, SchedulingDecision, ScoreContribution } from "./SchedulingDecision.ts";

/** A column of an explanation table and how to read its cell for a node. */
type Cell = (node: NodeExplanation | undefined, decision: SchedulingDecision) => string;

function filterCell(node: NodeExplanation | undefined): string {
  if (!node) return "not evaluated";
  if (node.feasible) return "passed";
  const last = node.filters[node.filters.length - 1];
  if (!last) return "passed";
  return `${last.plugin}: ${last.reasons.join(", ")}`;
}

function contribution(node: NodeExplanation | undefined, plugin: string): ScoreContribution | undefined {
  return node?.scores.find((s) => s.plugin === plugin);
}

/** `raw→normalized×weight=weighted`, the whole derivation of one plugin's part of a node's total. */
export function derivation(s: ScoreContribution): string {
  return `${s.raw}→${s.normalized}×${s.weight}=${s.weighted}`;
}

const FIXED_COLUMNS: Record<string, Cell> = {
  node: (n) => n?.node ?? "",
  filter: (n) => filterCell(n),
  total: (n) => (n?.total === undefined ? "" : String(n.total)),
  chosen: (n, d) => (n && d.chosen === n.node ? "yes" : ""),
};

/**
 * A cell reader for a column name: `node`, `filter` (`passed`, or the rejecting plugin and its
 * reasons), `total`, `chosen` (`yes` for the node the pod went to), or a score plugin's name — its
 * weighted score — optionally followed by ` raw`, ` normalized` or ` derivation`.
 */
export function columnReader(column: string): Cell | undefined {
  const fixed = FIXED_COLUMNS[column];
  if (fixed) return fixed;
  const match = /^([A-Za-z]+)(?: (raw|normalized|weighted|derivation))?$/.exec(column);
  if (!match) return undefined;
  const plugin = match[1] as string;
  const part = match[2] ?? "weighted";
  return (n) => {
    const s = contribution(n, plugin);
    if (!s) return "";
    switch (part) {
      case "raw":
        return String(s.raw);
      case "normalized":
        return String(s.normalized);
      case "derivation":
        return derivation(s);
      default:
        return String(s.weighted);
    }
  };
}

/** The nodes of a decision by name, every node the cycle looked at. */
function nodesByName(decision: SchedulingDecision): NodeExplanation[] {
  return [...decision.nodes].sort((a, b) => (a.node < b.node ? -1 : a.node > b.node ? 1 : 0));
}

/**
 * The explanation as rows of the given columns, one per node the cycle looked at, sorted by node
 * name (the shape `Then the scheduling of pod "web" is explained as:` compares).
 *
 * @example
 * ```ts
 * explanationRows(decision, ["node", "filter", "total"]);
 * // [["control-plane", "TaintToleration: node(s) had untolerated taint {…}", ""], ["node-1", "passed", "467"]]
 * ```
 */
export function explanationRows(decision: SchedulingDecision, columns: readonly string[]): string[][] {
  const readers = columns.map((c) => {
    const reader = columnReader(c);
    if (!reader)
      throw new Error(
        `unknown explanation column "${c}": use node, filter, total, chosen or a score plugin name (optionally followed by raw, normalized or derivation)`,
      );
    return reader;
  });
  return nodesByName(decision).map((n) => readers.map((read) => read(n, decision)));
}

function clock(millis: number): string {
  return new Date(millis).toISOString().replace(".000Z", "Z");
}

/**
 * The whole decision as text: what happened, the PreFilter/PreScore skips, and a table with each
 * node's filter verdict and each score plugin's `raw→normalized×weight=weighted`, then the total.
 *
 * @example
 * ```ts
 * console.log(formatDecision(scheduler.lastDecision("default/web")!));
 * ```
 */
export function formatDecision(decision: SchedulingDecision): string {
  const lines: string[] = [];
  const outcome = decision.chosen
    ? `bound to ${decision.chosen}${decision.nominatedNode ? " (its nominated node)" : ""}`
    : "not scheduled";
  lines.push(
    `Scheduling of pod ${decision.pod} by ${decision.profile}, attempt ${decision.attempt} at ${clock(decision.time)}: ${outcome}`,
  );
  const skippedFilters = decision.preFilter.filter((v) => v.code === "Skip").map((v) => v.plugin);
  const rejected = decision.preFilter.find((v) => v.code !== "Skip");
  if (rejected) lines.push(`PreFilter ${rejected.plugin} rejected the pod: ${rejected.reasons.join(", ")}`);
  if (skippedFilters.length > 0)
    lines.push(`Filters skipped (nothing to check): ${skippedFilters.join(", ")}`);
  if (decision.skippedScore.length > 0)
    lines.push(`Scores skipped (nothing to score): ${decision.skippedScore.join(", ")}`);
  const evaluated = decision.nodes.length;
  if (evaluated < decision.totalNodes)
    lines.push(`Nodes looked at: ${evaluated} of ${decision.totalNodes} (percentageOfNodesToScore)`);
  if (decision.message) lines.push(`FailedScheduling: ${decision.message}`);
  if (decision.preemption) {
    const p = decision.preemption;
    if (p.nominatedNode)
      lines.push(`Preemption: nominated ${p.nominatedNode}, evicting ${p.victims.join(", ") || "nothing"}`);
  }
  if (decision.nodes.length > 0) {
    const plugins: string[] = [];
    for (const n of decision.nodes)
      for (const s of n.scores) if (!plugins.includes(s.plugin)) plugins.push(s.plugin);
    const header = ["NODE", "FILTER", ...plugins, "TOTAL", "CHOSEN"];
    const body = nodesByName(decision).map((n) => [
      n.node,
      filterCell(n),
      ...plugins.map((p) => {
        const s = contribution(n, p);
        return s ? derivation(s) : "";
      }),
      n.total === undefined ? "" : String(n.total),
      decision.chosen === n.node ? "yes" : "",
    ]);
    const table = formatTabbed(
      [header, ...body].map((row) => row.join("\t")),
      0,
      2,
    );
    lines.push(
      "",
      ...table
        .trimEnd()
        .split("\n")
        .map((line) => line.trimEnd()),
    );
  }
  return `${lines.join("\n")}\n`;
}
