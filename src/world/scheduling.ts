import type { DataTable } from "@cucumber/cucumber";
import type { SchedulingDecision } from "../scheduler/SchedulingDecision.ts";
import { explanationRows, formatDecision } from "../scheduler/SchedulingExplanation.ts";
import type { KubespecWorld } from "./KubespecWorld.ts";

function split(ref: string): [string, string] {
  const slash = ref.indexOf("/");
  return slash < 0 ? ["default", ref] : [ref.slice(0, slash), ref.slice(slash + 1)];
}

/** The latest scheduling decision about a pod, or a clear error. */
export async function requireDecision(world: KubespecWorld, ref: string): Promise<SchedulingDecision> {
  const cluster = world.requireCluster();
  if (!cluster.schedulingDecision)
    throw new Error("this cluster does not keep scheduling decisions (only a simulated one does)");
  const [namespace, name] = split(ref);
  const decision = await cluster.schedulingDecision(namespace, name);
  if (!decision)
    throw new Error(
      `no scheduler has tried to place pod "${ref}" yet (is it bound by spec.nodeName, gated, or served by a scheduler that does not run?)`,
    );
  return decision;
}

/** The explanation text of a pod's latest decision, or undefined when there is none. */
export async function explanationText(world: KubespecWorld, ref: string): Promise<string | undefined> {
  const cluster = world.cluster;
  if (!cluster?.schedulingDecision) return undefined;
  const [namespace, name] = split(ref);
  const decision = await cluster.schedulingDecision(namespace, name);
  return decision ? formatDecision(decision) : undefined;
}

/**
 * Compare a pod's latest decision with a table whose header names the columns to compare (`node`,
 * `filter`, `total`, `chosen`, score plugins, `<Plugin> raw|normalized|derivation`); one row per
 * node the scheduler looked at.
 */
export async function expectExplanation(world: KubespecWorld, ref: string, table: DataTable): Promise<void> {
  const decision = await requireDecision(world, ref);
  const [header = [], ...expected] = table.raw();
  const actual = explanationRows(decision, header);
  const render = (rows: string[][]) => rows.map((r) => `| ${r.join(" | ")} |`).join("\n");
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    throw new Error(
      `the scheduling of pod "${ref}" was explained differently:\nexpected:\n${render([header, ...expected])}\nactual:\n${render([header, ...actual])}\n\n${formatDecision(decision)}`,
    );
  }
}

/**
 * Apply one pod per name, labelled `app=<name up to its last "-">`, with the spec fields of a YAML
 * fragment (written as under `spec:`); without `containers` there, one nginx container.
 */
export async function applyPods(
  world: KubespecWorld,
  names: readonly string[],
  specFields: string,
): Promise<void> {
  const indent = (text: string) =>
    text
      .split("\n")
      .map((line) => (line.length > 0 ? `  ${line}` : line))
      .join("\n");
  const documents = names.map((name) => {
    const app = name.includes("-") ? name.slice(0, name.lastIndexOf("-")) : name;
    return `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  labels:
    app: ${app}
spec:
${/^containers:/m.test(specFields) ? "" : "  containers:\n  - name: app\n    image: nginx\n"}${indent(specFields)}
`;
  });
  const result = await world.kubectl("kubectl apply -f -", documents.join("---\n"));
  if (result.exitCode !== 0) throw new Error(`kubectl apply failed:\n${result.stderr}`);
}
