import { z } from "zod";
import { Quantity } from "../api/quantity.ts";
import { isQualifiedName, isValidLabelValue } from "../api/validation.ts";

const quantity = (what: string) =>
  z
    .union([z.string(), z.number()])
    .transform((v) => String(v))
    .refine((v) => Quantity.tryParse(v) !== undefined, {
      message: `${what} must be a Kubernetes quantity such as "4", "500m" or "8Gi"`,
    });

const taintSchema = z.object({
  key: z.string().min(1),
  value: z.string().optional(),
  effect: z.enum(["NoSchedule", "PreferNoSchedule", "NoExecute"]),
});

/** One node of a simulated cluster. */
export const nodeSpecSchema = z.object({
  name: z
    .string()
    .regex(
      /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/,
      "node names are DNS-1123 subdomains (lowercase letters, digits, '-' and '.')",
    ),
  cpu: quantity("cpu").default("4"),
  memory: quantity("memory").default("8Gi"),
  pods: z.coerce.number().int().positive().default(110),
  ephemeralStorage: quantity("ephemeral-storage").default("100Gi"),
  labels: z.record(z.string(), z.string()).default({}),
  taints: z.array(taintSchema).default([]),
  controlPlane: z.boolean().default(false),
  /** Static pod manifests the node's kubelet runs (its `/etc/kubernetes/manifests`). */
  staticPods: z.array(z.looseObject({ kind: z.literal("Pod") })).default([]),
});

/** A whole simulated cluster (kubeadm-shaped: one control-plane node plus workers). */
export const clusterSpecSchema = z.object({
  nodes: z.array(nodeSpecSchema).min(1, "a cluster needs at least one node"),
  seed: z.number().int().min(0).max(0xffffffff).optional(),
  /** Virtual wall-clock time at which the cluster is created (RFC 3339). */
  startTime: z.iso.datetime().default("2025-03-01T09:00:00Z"),
  /** Keep per-node scheduling explanations (on for scenarios, off for benchmarks). */
  explainScheduling: z.boolean().default(true),
});

export type NodeSpec = z.infer<typeof nodeSpecSchema>;
export type ClusterSpec = z.infer<typeof clusterSpecSchema>;

export const CONTROL_PLANE_TAINT = {
  key: "node-role.kubernetes.io/control-plane",
  effect: "NoSchedule" as const,
};

/** The control-plane node every kubeadm cluster has. */
export function controlPlaneNode(): NodeSpec {
  return nodeSpecSchema.parse({
    name: "control-plane",
    labels: {
      "node-role.kubernetes.io/control-plane": "",
      "node.kubernetes.io/exclude-from-external-load-balancers": "",
    },
    taints: [CONTROL_PLANE_TAINT],
    controlPlane: true,
  });
}

/**
 * "a cluster with N nodes": workers `node-1` … `node-N` (4 CPU, 8Gi, 110 pods) plus `control-plane`.
 *
 * @example
 * ```ts
 * clusterWithWorkers(3).nodes.map((n) => n.name); // ["control-plane", "node-1", "node-2", "node-3"]
 * ```
 */
export function clusterWithWorkers(count: number, extra: Partial<ClusterSpec> = {}): ClusterSpec {
  const workers = Array.from({ length: count }, (_, i) => nodeSpecSchema.parse({ name: `node-${i + 1}` }));
  return clusterSpecSchema.parse({ ...extra, nodes: [controlPlaneNode(), ...workers] });
}

/** Parse `k=v,k2=v2` (labels column). */
export function parseLabelList(text: string): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const part of text
    .split(",")
    .map((p) => p.trim())
    .filter((p) => p.length > 0)) {
    const eq = part.indexOf("=");
    const key = eq < 0 ? part : part.slice(0, eq);
    const value = eq < 0 ? "" : part.slice(eq + 1);
    const problems = [...isQualifiedName(key), ...isValidLabelValue(value)];
    if (problems.length > 0) throw new Error(`invalid label "${part}": ${problems.join("; ")}`);
    labels[key] = value;
  }
  return labels;
}

/** Parse `key=value:Effect,key:Effect` (taints column, kubectl taint syntax). */
export function parseTaintList(text: string): z.infer<typeof taintSchema>[] {
  return text
    .split(",")
    .map((p) => p.trim())
    .filter((p) => p.length > 0)
    .map((part) => {
      const match = /^([^=:]+)(?:=([^:]*))?:(NoSchedule|PreferNoSchedule|NoExecute)$/.exec(part);
      if (!match)
        throw new Error(
          `invalid taint "${part}": write key=value:Effect or key:Effect (NoSchedule, PreferNoSchedule, NoExecute)`,
        );
      return {
        key: match[1] as string,
        ...(match[2] !== undefined ? { value: match[2] } : {}),
        effect: match[3] as "NoSchedule",
      };
    });
}

/**
 * Build a cluster spec from a step's table (`| name | cpu | memory | pods | labels | taints |`); a
 * `control-plane` row is used as the control plane, otherwise one is added.
 */
export function clusterFromTable(
  rows: readonly Record<string, string>[],
  extra: Partial<ClusterSpec> = {},
): ClusterSpec {
  const allowed = new Set(["name", "cpu", "memory", "pods", "labels", "taints", "ephemeral-storage"]);
  const nodes = rows.map((row, i) => {
    for (const column of Object.keys(row)) {
      if (!allowed.has(column))
        throw new Error(`unknown column "${column}" in the nodes table; use ${[...allowed].join(", ")}`);
    }
    if (!row.name) throw new Error(`row ${i + 1} of the nodes table has no name`);
    const isControlPlane = row.name === "control-plane";
    const base = isControlPlane ? controlPlaneNode() : undefined;
    return nodeSpecSchema.parse({
      name: row.name,
      ...(row.cpu ? { cpu: row.cpu } : {}),
      ...(row.memory ? { memory: row.memory } : {}),
      ...(row.pods ? { pods: row.pods } : {}),
      ...(row["ephemeral-storage"] ? { ephemeralStorage: row["ephemeral-storage"] } : {}),
      labels: { ...(base?.labels ?? {}), ...parseLabelList(row.labels ?? "") },
      taints:
        row.taints !== undefined && row.taints !== "" ? parseTaintList(row.taints) : (base?.taints ?? []),
      controlPlane: isControlPlane,
    });
  });
  if (!nodes.some((n) => n.controlPlane)) nodes.unshift(controlPlaneNode());
  return clusterSpecSchema.parse({ ...extra, nodes });
}
