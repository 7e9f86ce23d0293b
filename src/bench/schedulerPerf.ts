import type { Node, Pod } from "../api/types.ts";
import { ControlPlane } from "./ControlPlane.ts";

/** test/integration/scheduler_perf/templates/node-default.yaml. */
export const NODE_DEFAULT: Node = {
  apiVersion: "v1",
  kind: "Node",
  metadata: { generateName: "scheduler-perf-" },
  spec: {},
  status: {
    capacity: { pods: "110", cpu: "4", memory: "32Gi" },
    conditions: [{ status: "True", type: "Ready" }],
    phase: "Running",
  },
} as Node;

const CONTAINER = {
  image: "registry.k8s.io/pause:3.10",
  name: "pause",
  ports: [{ containerPort: 80 }],
  resources: { limits: { cpu: "100m", memory: "500Mi" }, requests: { cpu: "100m", memory: "500Mi" } },
};

/** templates/pod-default.yaml. */
export const POD_DEFAULT: Pod = {
  apiVersion: "v1",
  kind: "Pod",
  metadata: { generateName: "pod-" },
  spec: { containers: [CONTAINER] },
} as Pod;

/** templates/pod-with-node-affinity.yaml. */
export const POD_WITH_NODE_AFFINITY: Pod = {
  apiVersion: "v1",
  kind: "Pod",
  metadata: { generateName: "node-affinity-" },
  spec: {
    affinity: {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [
            {
              matchExpressions: [
                { key: "topology.kubernetes.io/zone", operator: "In", values: ["zone1", "zone2"] },
              ],
            },
          ],
        },
      },
    },
    containers: [CONTAINER],
  },
} as Pod;

/** templates/pod-with-pod-anti-affinity.yaml. */
export const POD_WITH_POD_ANTI_AFFINITY: Pod = {
  apiVersion: "v1",
  kind: "Pod",
  metadata: { generateName: "anti-affinity-pod-", labels: { color: "green" } },
  spec: {
    affinity: {
      podAntiAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: [
          {
            labelSelector: { matchLabels: { color: "green" } },
            topologyKey: "kubernetes.io/hostname",
            namespaces: ["sched-1", "sched-0"],
          },
        ],
      },
    },
    containers: [CONTAINER],
  },
} as Pod;

/** One scheduler_perf workload: nodes, pods created before measuring, and the measured pods. */
export interface Workload {
  name: string;
  nodes: number;
  nodeLabels?: Record<string, string>;
  namespaces?: string[];
  initPods: number;
  initNamespace: string;
  measurePods: number;
  measureNamespace: string;
  podTemplate: Pod;
}

/**
 * The shapes of kube-scheduler's performance CI (test/integration/scheduler_perf:
 * misc/performance-config.yaml SchedulingBasic 5000Nodes_10000Pods, affinity/performance-config.yaml
 * SchedulingNodeAffinity 5000Nodes_10000Pods and SchedulingPodAntiAffinity 5000Nodes_2000Pods).
 */
export const WORKLOADS: readonly Workload[] = [
  {
    name: "SchedulingBasic",
    nodes: 5000,
    initPods: 1000,
    initNamespace: "default",
    measurePods: 10000,
    measureNamespace: "default",
    podTemplate: POD_DEFAULT,
  },
  {
    name: "SchedulingNodeAffinity",
    nodes: 5000,
    nodeLabels: { "topology.kubernetes.io/zone": "zone1" },
    initPods: 5000,
    initNamespace: "default",
    measurePods: 10000,
    measureNamespace: "default",
    podTemplate: POD_WITH_NODE_AFFINITY,
  },
  {
    name: "SchedulingPodAntiAffinity",
    nodes: 5000,
    namespaces: ["sched-0", "sched-1"],
    initPods: 1000,
    initNamespace: "sched-0",
    measurePods: 2000,
    measureNamespace: "sched-1",
    podTemplate: POD_WITH_POD_ANTI_AFFINITY,
  },
];

/** What one workload measured. */
export interface WorkloadResult {
  case: string;
  nodes: number;
  pods: number;
  podsPerSecond: number;
}

/**
 * Run a workload: create the nodes and the init pods and let them be scheduled, then create the
 * measured pods through the apiserver and run the cluster until every one is bound; pods per second
 * of wall time over that phase, pod creation and binding included.
 */
export function runWorkload(w: Workload, now: () => number): WorkloadResult {
  const cp = new ControlPlane();
  for (const ns of w.namespaces ?? []) cp.createNamespace(ns);
  cp.createNodes(w.nodes, NODE_DEFAULT, w.nodeLabels);
  cp.loop.settle();
  cp.createPods(w.initNamespace, w.initPods, w.podTemplate);
  cp.loop.settle();
  const before = cp.boundPods();
  if (before !== w.initPods)
    throw new Error(`${w.name}: only ${before} of ${w.initPods} init pods were bound`);
  const start = now();
  cp.createPods(w.measureNamespace, w.measurePods, w.podTemplate);
  cp.loop.settle();
  const elapsed = now() - start;
  const bound = cp.boundPods() - before;
  cp.dispose();
  if (bound !== w.measurePods)
    throw new Error(`${w.name}: only ${bound} of ${w.measurePods} pods were bound`);
  return {
    case: w.name,
    nodes: w.nodes,
    pods: w.measurePods,
    podsPerSecond: Math.round((bound * 1000) / elapsed),
  };
}
