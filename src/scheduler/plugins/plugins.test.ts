import assert from "node:assert/strict";
import { test } from "node:test";
import type { Selector } from "../../api/labels.ts";
import type { Node, Pod } from "../../api/types.ts";
import { SeededRandom } from "../../clock/SeededRandom.ts";
import { type ClusterListers, CycleState } from "../framework/Plugin.ts";
import { PodInfo } from "../framework/PodInfo.ts";
import { SchedulerCache } from "../SchedulerCache.ts";
import { imageLocalityPriority, normalizedImageName } from "./ImageLocality.ts";
import { InterPodAffinity } from "./InterPodAffinity.ts";
import { NodeAffinity } from "./NodeAffinity.ts";
import { NodePorts } from "./NodePorts.ts";
import { brokenLinearFunction, nodeResourcesFit } from "./NodeResourcesFit.ts";
import { podTopologySpread } from "./PodTopologySpread.ts";
import { SchedulingGates } from "./SchedulingGates.ts";

const listers: ClusterListers = {
  namespaceLabels: () => undefined,
  namespacesMatching: (s: Selector) => (s.matches({}) ? ["default"] : []),
  serviceSelectors: () => [{ app: "web" }],
  ownerSelector: () => undefined,
};

function node(name: string, labels: Record<string, string> = {}, cpu = "4", memory = "8Gi"): Node {
  return {
    apiVersion: "v1",
    kind: "Node",
    metadata: { name, labels: { "kubernetes.io/hostname": name, ...labels } },
    status: { allocatable: { cpu, memory, pods: "110" } },
  } as Node;
}

function pod(
  name: string,
  spec: Partial<NonNullable<Pod["spec"]>> = {},
  labels: Record<string, string> = {},
): Pod {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: "default", uid: `uid-${name}`, labels },
    spec: { containers: [{ name: "c", image: "nginx" }], ...spec },
  } as Pod;
}

function cache(nodes: Node[], pods: [Pod, string][] = []): SchedulerCache {
  const c = new SchedulerCache(new SeededRandom(1), listers);
  for (const n of nodes) c.addNode(n);
  for (const [p, n] of pods) c.addPod(new PodInfo(p), n);
  return c;
}

test("PodTopologySpread scores by matching pods per domain and normalises with (max + min − s) / max", () => {
  const snapshot = cache(
    [node("a"), node("b"), node("c")],
    [
      [pod("w1", {}, { app: "web" }), "a"],
      [pod("w2", {}, { app: "web" }), "a"],
      [pod("w3", {}, { app: "web" }), "b"],
    ],
  );
  const plugin = podTopologySpread();
  const state = new CycleState();
  const incoming = new PodInfo(pod("w4", {}, { app: "web" }));
  assert.equal(plugin.preScore?.(state, incoming, snapshot.nodes, snapshot).code, "Success");
  const scores = snapshot.nodes.map((n) => plugin.score?.(state, incoming, n, snapshot) ?? 0);
  // hostname: count × log(3 + 2) + (maxSkew − 1); zone: absent label, not scored.
  assert.deepEqual(scores, [Math.round(2 * Math.log(5) + 2), Math.round(Math.log(5) + 2), 2]);
  plugin.normalizeScore?.(state, incoming, scores, snapshot.nodes);
  assert.deepEqual(scores, [Math.trunc((100 * (5 + 2 - 5)) / 5), Math.trunc((100 * (5 + 2 - 4)) / 5), 100]);
});

test("PodTopologySpread filter: skew over the least-loaded domain, and the missing-label reason", () => {
  const snapshot = cache(
    [node("a", { zone: "1" }), node("b", { zone: "2" }), node("c")],
    [[pod("w1", {}, { app: "web" }), "a"]],
  );
  const plugin = podTopologySpread();
  const state = new CycleState();
  const incoming = new PodInfo(
    pod(
      "w2",
      {
        topologySpreadConstraints: [
          {
            maxSkew: 1,
            topologyKey: "zone",
            whenUnsatisfiable: "DoNotSchedule",
            labelSelector: { matchLabels: { app: "web" } },
          },
        ],
      },
      { app: "web" },
    ),
  );
  assert.equal(
    (plugin.preFilter?.(state, incoming, snapshot) as { code?: string } | undefined)?.code,
    "Success",
  );
  const verdicts = snapshot.nodes.map((n) => plugin.filter?.(state, incoming, n, snapshot).reasons.join());
  assert.deepEqual(verdicts, [
    "node(s) didn't match pod topology spread constraints",
    "",
    "node(s) didn't match pod topology spread constraints (missing required label)",
  ]);
});

test("InterPodAffinity: existing pods' anti-affinity protects them; preferred terms are min-max normalised", () => {
  const guarded = pod(
    "db",
    {
      affinity: {
        podAntiAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: [
            { labelSelector: { matchLabels: { app: "web" } }, topologyKey: "kubernetes.io/hostname" },
          ],
        },
      },
    },
    { app: "db" },
  );
  const snapshot = cache([node("a"), node("b")], [[guarded, "a"]]);
  const state = new CycleState();
  const web = new PodInfo(pod("web", {}, { app: "web" }));
  InterPodAffinity.preFilter?.(state, web, snapshot);
  assert.deepEqual(
    snapshot.nodes.map((n) => InterPodAffinity.filter?.(state, web, n, snapshot).reasons.join()),
    ["node(s) didn't satisfy existing pods anti-affinity rules", ""],
  );
  const scores = [-300, 0, 100];
  const s2 = new CycleState();
  s2.write("PreScoreInterPodAffinity", new Map([["x", 1]]));
  InterPodAffinity.normalizeScore?.(s2, web, scores, []);
  assert.deepEqual(scores, [0, 75, 100]);
});

test("NodeAffinity: conflicting node-name terms reject at PreFilter, matching ones narrow the nodes", () => {
  const state = new CycleState();
  const pinned = (values: string[][]) =>
    new PodInfo(
      pod("p", {
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: values.map((v) => ({
                matchFields: [
                  { key: "metadata.name", operator: "In", values: v },
                  { key: "metadata.name", operator: "In", values: ["b"] },
                ],
              })),
            },
          },
        },
      }),
    );
  const conflict = NodeAffinity.preFilter?.(state, pinned([["a"]]), cache([])) as unknown as {
    reasons: string[];
  };
  assert.deepEqual(conflict.reasons, ["pod affinity terms conflict"]);
  const narrowed = NodeAffinity.preFilter?.(state, pinned([["a", "b"]]), cache([])) as unknown as {
    nodeNames: Set<string>;
  };
  assert.deepEqual([...narrowed.nodeNames], ["b"]);
});

test("NodePorts: 0.0.0.0 conflicts with every address, other addresses only with themselves", () => {
  const withPort = (name: string, hostIP?: string) =>
    pod(name, {
      containers: [
        {
          name: "c",
          image: "nginx",
          ports: [{ containerPort: 80, hostPort: 8080, ...(hostIP ? { hostIP } : {}) }],
        },
      ],
    });
  const snapshot = cache([node("a")], [[withPort("x", "10.0.0.1"), "a"]]);
  const state = new CycleState();
  const check = (p: Pod) =>
    NodePorts.filter?.(state, new PodInfo(p), snapshot.nodes[0] as never, snapshot).code;
  assert.equal(check(withPort("y", "10.0.0.2")), "Success");
  assert.equal(check(withPort("z")), "Unschedulable");
  assert.equal(
    (NodePorts.preFilter?.(state, new PodInfo(pod("plain")), snapshot) as { code?: string } | undefined)
      ?.code,
    "Skip",
  );
});

test("NodeResourcesFit reasons, extended resources and RequestedToCapacityRatio", () => {
  const fit = nodeResourcesFit({
    type: "RequestedToCapacityRatio",
    requestedToCapacityRatio: {
      shape: [
        { utilization: 0, score: 0 },
        { utilization: 100, score: 10 },
      ],
    },
  });
  const snapshot = cache([node("a", {}, "2", "4Gi")]);
  const info = new PodInfo(
    pod("p", {
      containers: [
        {
          name: "c",
          image: "nginx",
          resources: { requests: { cpu: "1", memory: "5Gi", "example.com/gpu": "1" } },
        },
      ],
    }),
  );
  const state = new CycleState();
  fit.preFilter?.(state, info, snapshot);
  assert.deepEqual(fit.filter?.(state, info, snapshot.nodes[0] as never, snapshot).reasons, [
    "Insufficient memory",
    "Insufficient example.com/gpu",
  ]);
  // Bin packing: 1000m of 2000m is 50 % → score 50; 5Gi over 4Gi-100Mi allocatable → 100.
  assert.equal(fit.score?.(state, info, snapshot.nodes[0] as never, snapshot), 75);
  assert.equal(
    brokenLinearFunction([
      { utilization: 0, score: 100 },
      { utilization: 50, score: 0 },
    ])(25),
    50,
  );
});

test("ImageLocality thresholds and image names", () => {
  assert.equal(normalizedImageName("nginx"), "nginx:latest");
  assert.equal(normalizedImageName("registry:5000/app"), "registry:5000/app:latest");
  assert.equal(normalizedImageName("nginx:1.25"), "nginx:1.25");
  assert.equal(imageLocalityPriority(10 * 1024 * 1024, 1), 0);
  assert.equal(imageLocalityPriority(2000 * 1024 * 1024, 1), 100);
  assert.equal(imageLocalityPriority(500 * 1024 * 1024, 1), Math.trunc((100 * (500 - 23)) / 977));
});

test("SchedulingGates names the gates it waits for", () => {
  const status = SchedulingGates.preEnqueue?.(pod("g", { schedulingGates: [{ name: "a" }, { name: "b" }] }));
  assert.equal(status?.message(), "waiting for scheduling gates: [a b]");
  assert.equal(SchedulingGates.preEnqueue?.(pod("free"))?.code, "Success");
});
