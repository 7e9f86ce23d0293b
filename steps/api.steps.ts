import { type DataTable, Given, Then, When } from "@cucumber/cucumber";
import { expectWatchEvents, setOwner, startWatch, watchOf } from "../src/world/api.ts";
import { defineAssertion } from "../src/world/assertions.ts";
import type { KubespecWorld } from "../src/world/KubespecWorld.ts";

/** Fault: etcd stops answering; the apiserver's writes (and quorum reads) fail until it is back. */
When("etcd becomes unavailable", async function (this: KubespecWorld) {
  await setEtcd(this, false);
});

/** etcd answers again; components that were retrying catch up. */
When("etcd becomes available", async function (this: KubespecWorld) {
  await setEtcd(this, true);
});

async function setEtcd(world: KubespecWorld, available: boolean): Promise<void> {
  const cluster = world.requireCluster();
  if (!cluster.setEtcdAvailable)
    throw new Error("this cluster cannot make etcd unavailable (simulation only)");
  await cluster.setEtcdAvailable(available);
}

/**
 * Give the first object an ownerReference to the second (read with kubectl for its uid), e.g.
 * `Given pod "child" is owned by configmap "parent"`; `with blockOwnerDeletion` sets that flag.
 */
Given(
  /^(\S+) "([^"]+)" is owned by (\S+) "([^"]+)"( with blockOwnerDeletion)?$/,
  async function (
    this: KubespecWorld,
    kind: string,
    name: string,
    ownerKind: string,
    ownerName: string,
    block: string | undefined,
  ) {
    await setOwner(this, { kind, name }, { kind: ownerKind, name: ownerName }, block !== undefined);
  },
);

/**
 * Start watching a resource in the default namespace (as an API client: the current objects arrive
 * as ADDED first), optionally with bookmarks and from an object's resourceVersion.
 */
When(
  /^I watch (\S+)( with bookmarks)?(?: from the resource version of (\S+) "([^"]+)")?$/,
  async function (
    this: KubespecWorld,
    resource: string,
    bookmarks: string | undefined,
    kind: string | undefined,
    name: string | undefined,
  ) {
    await startWatch(this, resource, bookmarks !== undefined, kind && name ? { kind, name } : undefined);
  },
);

/** The watch started last has received exactly these events (type, name; BOOKMARKs have no name), in order. */
defineAssertion("the watch has received:", async function (this: KubespecWorld, table: DataTable) {
  expectWatchEvents(watchOf(this).events, table.hashes() as { type: string; name?: string }[]);
});

/** Starting that watch is refused with an error containing the text (e.g. 410 `too old resource version`). */
Then(
  /^watching (\S+) from the resource version of (\S+) "([^"]+)" fails with "([^"]*)"$/,
  async function (this: KubespecWorld, resource: string, kind: string, name: string, text: string) {
    let failure: unknown;
    try {
      await startWatch(this, resource, false, { kind, name });
    } catch (error) {
      failure = error;
    }
    if (failure === undefined) throw new Error(`watching ${resource} succeeded, but it should have failed`);
    const message = failure instanceof Error ? failure.message : String(failure);
    if (!message.includes(text))
      throw new Error(`the watch failed with:\n${message}\nnot containing:\n${text}`);
  },
);

/** POST the Eviction subresource of a pod in the default namespace (`ns/name` for another). */
When("pod {string} is evicted", async function (this: KubespecWorld, pod: string) {
  const cluster = this.requireCluster();
  if (!cluster.evict) throw new Error("this cluster cannot evict pods through the API");
  const [namespace, name] = pod.includes("/") ? (pod.split("/") as [string, string]) : ["default", pod];
  await cluster.evict(namespace, name);
});

/** Neither the last command's stdout nor its stderr contains the text. */
Then("the output does not contain {string}", function (this: KubespecWorld, text: string) {
  const command = this.requireLastCommand();
  if (`${command.stdout}\n${command.stderr}`.includes(text))
    throw new Error(`the output contains ${JSON.stringify(text)}:\n${command.stdout}${command.stderr}`);
});
