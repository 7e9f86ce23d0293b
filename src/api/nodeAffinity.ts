/**
 * Node selector and node affinity matching (component-helpers/scheduling/corev1/nodeaffinity):
 * nodeSelector ANDed with required terms; terms ORed; expressions inside a term ANDed.
 */
import type { Node } from "./types.ts";

/** A node selector requirement (matchExpressions / matchFields entry). */
export interface NodeSelectorRequirement {
  key: string;
  operator: string;
  values?: string[];
}

/** A node selector term. */
export interface NodeSelectorTerm {
  matchExpressions?: NodeSelectorRequirement[];
  matchFields?: NodeSelectorRequirement[];
}

function requirementMatches(r: NodeSelectorRequirement, values: Readonly<Record<string, string>>): boolean {
  const has = Object.hasOwn(values, r.key);
  const value = values[r.key];
  switch (r.operator) {
    case "In":
      return has && (r.values ?? []).includes(value as string);
    case "NotIn":
      return !has || !(r.values ?? []).includes(value as string);
    case "Exists":
      return has;
    case "DoesNotExist":
      return !has;
    case "Gt":
    case "Lt": {
      if (!has || (r.values ?? []).length !== 1) return false;
      if (!/^-?\d+$/.test(value as string) || !/^-?\d+$/.test((r.values as string[])[0] as string))
        return false;
      const actual = Number(value);
      const bound = Number((r.values as string[])[0]);
      return r.operator === "Gt" ? actual > bound : actual < bound;
    }
    default:
      return false;
  }
}

/** Whether a node selector term matches a node; an empty term matches nothing. */
export function termMatches(term: NodeSelectorTerm, node: Node): boolean {
  const expressions = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (expressions.length === 0 && fields.length === 0) return false;
  const labels = node.metadata?.labels ?? {};
  for (const r of expressions) if (!requirementMatches(r, labels)) return false;
  const nodeFields = { "metadata.name": node.metadata?.name ?? "" };
  for (const r of fields) if (!requirementMatches(r, nodeFields)) return false;
  return true;
}

/** Whether any of the ORed terms matches (NodeSelector). */
export function nodeSelectorMatches(terms: readonly NodeSelectorTerm[], node: Node): boolean {
  return terms.some((t) => termMatches(t, node));
}

/** Whether `nodeSelector` (a label map) matches a node. */
export function labelSelectorMapMatches(
  selector: Readonly<Record<string, string>> | undefined,
  node: Node,
): boolean {
  const labels = node.metadata?.labels ?? {};
  for (const [k, v] of Object.entries(selector ?? {})) if (labels[k] !== v) return false;
  return true;
}
