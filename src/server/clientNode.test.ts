import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  CoreV1Api,
  KubeConfig,
  makeInformer,
  PatchStrategy,
  setHeaderOptions,
  type V1Pod,
} from "@kubernetes/client-node";
import { clusterWithWorkers } from "../cluster/ClusterSpec.ts";
import { SimulatedCluster } from "../cluster/SimulatedCluster.ts";
import { ApiHttpServer } from "./ApiHttpServer.ts";
import { kubeconfigFor } from "./kubeconfig.ts";

const cluster = SimulatedCluster.create(clusterWithWorkers(1), { record: false });
const server = new ApiHttpServer(cluster, { time: "manual" });
const config = new KubeConfig();

before(async () => {
  const url = await server.listen(0);
  config.loadFromString(JSON.stringify(kubeconfigFor(url)));
});
after(async () => {
  await server.close();
  await cluster.dispose();
});

test("@kubernetes/client-node lists, creates, patches, deletes and watches through an informer", async () => {
  const core = config.makeApiClient(CoreV1Api);
  const nodes = await core.listNode();
  assert.deepEqual(
    nodes.items.map((n) => n.metadata?.name),
    ["control-plane", "node-1"],
  );
  const informer = makeInformer<V1Pod>(config, "/api/v1/namespaces/default/pods", () =>
    core.listNamespacedPod({ namespace: "default" }),
  );
  const seen: string[] = [];
  informer.on("add", (pod) => seen.push(`add ${pod.metadata?.name}`));
  informer.on("update", (pod) =>
    seen.push(`update ${pod.metadata?.name} ${pod.metadata?.labels?.stage ?? ""}`),
  );
  informer.on("delete", (pod) => seen.push(`delete ${pod.metadata?.name}`));
  await informer.start();

  const created = await core.createNamespacedPod({
    namespace: "default",
    body: { metadata: { name: "client" }, spec: { containers: [{ name: "c", image: "nginx" }] } },
  });
  assert.equal(created.metadata?.namespace, "default");
  const patched = await core.patchNamespacedPod(
    { name: "client", namespace: "default", body: { metadata: { labels: { stage: "patched" } } } },
    setHeaderOptions("Content-Type", PatchStrategy.MergePatch),
  );
  assert.equal(patched.metadata?.labels?.stage, "patched");
  await core.deleteNamespacedPod({ name: "client", namespace: "default", gracePeriodSeconds: 0 });
  const deadline = Date.now() + 5000;
  while (!seen.includes("delete client") && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await informer.stop();
  assert.ok(seen.includes("add client"), seen.join("; "));
  assert.ok(seen.includes("update client patched"), seen.join("; "));
  assert.ok(seen.includes("delete client"), seen.join("; "));
  await assert.rejects(
    core.readNamespacedPod({ name: "client", namespace: "default" }),
    (error: { code?: number }) => error.code === 404,
  );
});
