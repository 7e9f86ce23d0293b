import assert from "node:assert/strict";
import { test } from "node:test";
import type { ResourceType } from "../api/kinds.ts";
import type { KubeObject } from "../api/types.ts";
import { clusterWithWorkers } from "./ClusterSpec.ts";
import { SimulatedCluster } from "./SimulatedCluster.ts";

function configMap(cluster: SimulatedCluster, namespace: string, generateName: string): KubeObject {
  const type = cluster.kinds.forResourceName("configmaps") as ResourceType;
  return cluster.apiserver.create<KubeObject>("test", type, namespace, {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { generateName },
  }).object;
}

test("objects in kube-system do not move the names and uids of users' objects", () => {
  const quiet = SimulatedCluster.create(clusterWithWorkers(1), { record: false });
  const busy = SimulatedCluster.create(clusterWithWorkers(1), { record: false });
  for (let i = 0; i < 5; i++) configMap(busy, "kube-system", "system-");
  const a = configMap(quiet, "default", "app-");
  const b = configMap(busy, "default", "app-");
  assert.equal(b.metadata.name, a.metadata.name);
  assert.equal(b.metadata.uid, a.metadata.uid);
});

test("both coredns pods start on the control-plane node, before any worker existed", () => {
  const cluster = SimulatedCluster.create(clusterWithWorkers(3), { record: false });
  const pods = cluster.kinds.forResourceName("pods") as ResourceType;
  const coredns = cluster.apiserver.list<{ spec?: { nodeName?: string } }>("test", pods, "kube-system", {
    labelSelector: "k8s-app=kube-dns",
  }).items;
  assert.deepEqual(
    coredns.map((p) => p.spec?.nodeName),
    ["control-plane", "control-plane"],
  );
  assert.equal(cluster.now(), Date.parse("2025-03-01T09:00:00Z"));
});

test("DNS answers only while a coredns pod listens behind kube-dns", () => {
  const cluster = SimulatedCluster.create(clusterWithWorkers(1), { record: false });
  cluster.loop.advance(10_000);
  assert.equal(cluster.serviceNetwork.dnsServerReachable("node-1"), true);
  cluster.kubectlSync("scale deployment coredns -n kube-system --replicas=0");
  cluster.loop.advance(10_000);
  assert.equal(cluster.serviceNetwork.dnsServerReachable("node-1"), false);
  assert.equal(cluster.serviceNetwork.resolve("kubernetes", "default", "node-1"), undefined);
});

test("a failed node's kube-proxy runs again once its pod's container runs after recovery", async () => {
  const cluster = SimulatedCluster.create(clusterWithWorkers(1), { record: false });
  cluster.loop.advance(10_000);
  const proxy = cluster.kubeProxies.get("node-1");
  assert.equal(proxy?.running, true);
  await cluster.nodeOperation("fail", "node-1");
  cluster.loop.advance(10_000);
  assert.equal(proxy?.running, false);
  await cluster.nodeOperation("recover", "node-1");
  cluster.loop.advance(30_000);
  assert.equal(proxy?.running, true);
});
