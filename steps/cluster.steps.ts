import { type DataTable, Given } from "@cucumber/cucumber";
import { clusterFromTable, clusterWithWorkers } from "../src/cluster/ClusterSpec.ts";
import type { KubespecWorld } from "../src/world/KubespecWorld.ts";

/** A kubeadm-shaped cluster: `control-plane` plus workers `node-1` … `node-N` (4 CPU, 8Gi, 110 pods each). */
Given("a cluster with {int} node(s)", async function (this: KubespecWorld, count: number) {
  await this.startCluster(clusterWithWorkers(count));
});

/**
 * A cluster with the nodes of the table (columns: name, cpu, memory, pods, labels `k=v,…`,
 * taints `k=v:Effect,…`; all but name optional); a `control-plane` node is added unless listed.
 */
Given("a cluster with nodes:", async function (this: KubespecWorld, table: DataTable) {
  await this.startCluster(clusterFromTable(table.hashes()));
});
