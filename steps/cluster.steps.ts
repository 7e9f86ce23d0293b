import { type DataTable, Given } from "@cucumber/cucumber";
import { clusterFromTable, clusterWithWorkers } from "../src/cluster/ClusterSpec.ts";
import type { KubespecWorld } from "../src/world/KubespecWorld.ts";

Given("a cluster with {int} node(s)", async function (this: KubespecWorld, count: number) {
  await this.startCluster(clusterWithWorkers(count));
});

Given("a cluster with nodes:", async function (this: KubespecWorld, table: DataTable) {
  await this.startCluster(clusterFromTable(table.hashes()));
});
