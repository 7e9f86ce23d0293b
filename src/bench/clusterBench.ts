import { Writable } from "node:stream";
import type { ResourceType } from "../api/kinds.ts";
import type { Pod } from "../api/types.ts";
import { clusterWithWorkers } from "../cluster/ClusterSpec.ts";
import { SimulatedCluster } from "../cluster/SimulatedCluster.ts";

/** Wall time of the example features (features/examples), run through the Cucumber API. */
export async function runExamples(
  now: () => number,
): Promise<{ case: string; scenarios: number; wallMs: number }> {
  const { loadConfiguration, runCucumber } = await import("@cucumber/cucumber/api");
  const base = ((await import("../../cucumber.js")) as { default: Record<string, unknown> }).default;
  const start = now();
  // The project's configuration without its formatters: nothing printed, no report overwritten.
  const { runConfiguration } = await loadConfiguration({
    file: false,
    provided: { ...base, paths: ["features/examples"], format: [] },
  });
  let scenarios = 0;
  const quiet = new Writable({ write: (_chunk, _encoding, done) => done() });
  const result = await runCucumber(runConfiguration, { stdout: quiet, stderr: quiet }, (envelope) => {
    if (envelope.testCaseFinished) scenarios++;
  });
  const wallMs = Math.round(now() - start);
  if (!result.success) throw new Error("the example features failed");
  return { case: "examples", scenarios, wallMs };
}

/**
 * N pods on M nodes of a full simulated cluster (kubelets, controllers, kubectl's apiserver): pods
 * created through the apiserver, counted once bound.
 */
export function runClusterThroughput(
  pods: number,
  nodes: number,
  now: () => number,
): { case: string; nodes: number; pods: number; podsPerSecond: number; wallMs: number } {
  const cluster = SimulatedCluster.create(
    { ...clusterWithWorkers(nodes), explainScheduling: false },
    { record: false },
  );
  const type = cluster.kinds.forResourceName("pods") as ResourceType;
  const template: Pod = {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { generateName: "pod-" },
    spec: {
      containers: [
        {
          name: "pause",
          image: "registry.k8s.io/pause",
          resources: { requests: { cpu: "10m", memory: "10Mi" } },
        },
      ],
    },
  } as Pod;
  const start = now();
  for (let i = 0; i < pods; i++) cluster.apiserver.create("bench", type, "default", template);
  cluster.loop.settle();
  const elapsed = now() - start;
  const bound = cluster.apiserver
    .list<Pod>("bench", type, "default", { resourceVersion: "0" })
    .items.filter((p) => p.spec?.nodeName).length;
  void cluster.dispose();
  if (bound !== pods) throw new Error(`only ${bound} of ${pods} pods were bound`);
  return {
    case: "scheduling",
    nodes,
    pods,
    podsPerSecond: Math.round((pods * 1000) / elapsed),
    wallMs: Math.round(elapsed),
  };
}
