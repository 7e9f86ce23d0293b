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
 * `Given pod "child" is owned by configmap "parent"`.
 */
Given(
  "{word} {string} is owned by {word} {string}",
  async function (this: KubespecWorld, kind: string, name: string, ownerKind: string, ownerName: string) {
    await setOwner(this, { kind, name }, { kind: ownerKind, name: ownerName }, false);
  },
);

/** The same ownerReference with `blockOwnerDeletion: true` (it holds a foreground deletion of the owner). */
Given(
  "{word} {string} is owned by {word} {string} with blockOwnerDeletion",
  async function (this: KubespecWorld, kind: string, name: string, ownerKind: string, ownerName: string) {
    await setOwner(this, { kind, name }, { kind: ownerKind, name: ownerName }, true);
  },
);

/**
 * Start watching a resource in the default namespace as an API client that asks for bookmarks:
 * the current objects arrive as ADDED first, then every change, and a BOOKMARK about every minute.
 */
When("I watch {word} with bookmarks", async function (this: KubespecWorld, resource: string) {
  await startWatch(this, resource, true, undefined);
});

/** Start watching a resource in the default namespace from an object's resourceVersion (replaying what followed). */
When(
  "I watch {word} from the resource version of {word} {string}",
  async function (this: KubespecWorld, resource: string, kind: string, name: string) {
    await startWatch(this, resource, false, { kind, name });
  },
);

/** The watch started last has received exactly these events (type, name; BOOKMARKs have no name), in order. */
defineAssertion("the watch has received:", async function (this: KubespecWorld, table: DataTable) {
  expectWatchEvents(watchOf(this).events, table.hashes() as { type: string; name?: string }[]);
});

/** Starting that watch is refused with an error containing the text (e.g. 410 `too old resource version`). */
Then(
  "watching {word} from the resource version of {word} {string} fails with {string}",
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
