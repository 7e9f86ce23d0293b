import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { type DataTable, Given, When } from "@cucumber/cucumber";
import { parse as parseYaml } from "yaml";
import type { Pod } from "../src/api/types.ts";
import { ImageCatalogue } from "../src/kubelet/ImageCatalogue.ts";
import { imagesFromTable } from "../src/world/images.ts";
import type { KubespecWorld } from "../src/world/KubespecWorld.ts";

async function declare(world: KubespecWorld, images: unknown[]): Promise<void> {
  world.images.push(...images);
  await world.cluster?.addImages(images);
}

/**
 * Images the registry knows and what they do (columns: image, pull, start, size, command, logs,
 * listens, ready after, http, unhealthy after, memory, memory growth, exits after, exit code, stop,
 * shell); before or after the cluster starts.
 */
Given("the images:", async function (this: KubespecWorld, table: DataTable) {
  await declare(this, imagesFromTable(table.hashes()));
});

/** Images from a YAML catalogue file (`images: [...]`, the format of defaultImages.yaml), relative to the feature. */
Given("the image catalogue {string}", async function (this: KubespecWorld, path: string) {
  const file = resolve(this.featureDirectory, path);
  await declare(this, ImageCatalogue.parseYaml(readFileSync(file, "utf8"), path));
});

/** A static pod manifest placed in the node's manifest directory: the kubelet runs it as `<name>-<node>` and mirrors it. */
Given(
  "node {string} has the static pod manifest:",
  async function (this: KubespecWorld, node: string, manifest: string) {
    await this.requireCluster().addStaticPod(node, parseYaml(manifest) as Pod);
  },
);

/** The manifest is removed from the node: the static pod stops and its mirror pod goes away. */
When(
  "the static pod manifest {string} is removed from node {string}",
  async function (this: KubespecWorld, name: string, node: string) {
    await this.requireCluster().removeStaticPod(node, name);
  },
);

/** A removed static pod manifest is moved back into the node's manifest directory: the kubelet runs it again. */
When(
  "the static pod manifest {string} is put back on node {string}",
  async function (this: KubespecWorld, name: string, node: string) {
    const cluster = this.requireCluster();
    if (!cluster.restoreStaticPod) throw new Error("this cluster cannot put static pod manifests back");
    await cluster.restoreStaticPod(node, name);
  },
);
