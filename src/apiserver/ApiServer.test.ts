import assert from "node:assert/strict";
import { test } from "node:test";
import type { ResourceType } from "../api/kinds.ts";
import { StatusError } from "../api/StatusError.ts";
import type { KubeObject } from "../api/types.ts";
import { clusterWithWorkers } from "../cluster/ClusterSpec.ts";
import { SimulatedCluster } from "../cluster/SimulatedCluster.ts";
import type { WatchEvent } from "./WatchCache.ts";

function setup() {
  const cluster = SimulatedCluster.create({ ...clusterWithWorkers(0), seed: 3 }, { record: false });
  const api = cluster.apiserver;
  const type = (name: string) => api.kinds.forResourceName(name) as ResourceType;
  const cm = (name: string, extra: Partial<KubeObject> = {}) =>
    api.create("test", type("configmaps"), "default", {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name, ...(extra.metadata ?? {}) },
    }).object;
  return { cluster, api, type, cm };
}

function statusOf(fn: () => unknown): StatusError {
  try {
    fn();
  } catch (error) {
    if (error instanceof StatusError) return error;
    throw error;
  }
  assert.fail("expected a StatusError");
}

test("an update with a stale resourceVersion is a 409 Conflict", () => {
  const { api, type, cm } = setup();
  const stale = cm("settings");
  api.patch("test", type("configmaps"), "default", "settings", "merge", { data: { a: "1" } });
  const error = statusOf(() =>
    api.update("test", type("configmaps"), "default", "settings", { ...stale, data: { a: "2" } }),
  );
  assert.equal(error.code, 409);
  assert.equal(
    error.message,
    'Operation cannot be fulfilled on configmaps "settings": the object has been modified; please apply your changes to the latest version and try again',
  );
});

test("delete preconditions are checked with rest.BeforeDelete's wording", () => {
  const { api, type, cm } = setup();
  cm("settings");
  const byUid = statusOf(() =>
    api.delete("test", type("configmaps"), "default", "settings", { preconditions: { uid: "other" } }),
  );
  assert.match(
    byUid.message,
    /^Operation cannot be fulfilled on ConfigMap "settings": the UID in the precondition \(other\) does not match the UID in record \(.+\)\. The object might have been deleted and then recreated$/,
  );
  const byVersion = statusOf(() =>
    api.delete("test", type("configmaps"), "default", "settings", {
      preconditions: { resourceVersion: "1" },
    }),
  );
  assert.match(
    byVersion.message,
    /the ResourceVersion in the precondition \(1\) does not match the ResourceVersion in record/,
  );
});

test("foreground and orphan deletions set the garbage collector's finalizers", () => {
  const { api, type, cm } = setup();
  cm("a", { metadata: { finalizers: ["example.com/x"] } } as Partial<KubeObject>);
  const fg = api.delete<KubeObject>("test", type("configmaps"), "default", "a", {
    propagationPolicy: "Foreground",
  });
  assert.equal(fg.deleted, false);
  assert.deepEqual(fg.object.metadata.finalizers, ["example.com/x", "foregroundDeletion"]);
  assert.equal(fg.object.metadata.deletionGracePeriodSeconds, 0);
  cm("b");
  const orphan = api.delete<KubeObject>("test", type("configmaps"), "default", "b", {
    propagationPolicy: "Orphan",
  });
  assert.deepEqual(orphan.object.metadata.finalizers, ["orphan"]);
  cm("c");
  assert.equal(
    api.delete("test", type("configmaps"), "default", "c", { propagationPolicy: "Background" }).deleted,
    true,
  );
});

test("an unscheduled pod is marked deleting, then removed at once", () => {
  const { cluster, api, type } = setup();
  const events: WatchEvent[] = [];
  api.watch("test", type("pods"), "default", { resourceVersion: String(cluster.etcd.store.revision) }, (e) =>
    events.push(e),
  );
  api.create("test", type("pods"), "default", {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "p" },
    spec: { nodeSelector: { none: "x" }, containers: [{ name: "c", image: "nginx" }] },
  });
  const result = api.delete("test", type("pods"), "default", "p", {});
  assert.equal(result.deleted, true);
  cluster.loop.settle();
  const own = events.filter((e) => e.object.metadata.name === "p").map((e) => e.type);
  assert.deepEqual(own.slice(-2), ["MODIFIED", "DELETED"]);
});

test("list chunks read a consistent snapshot; an expired token is 410 with a fresh token", () => {
  const { cluster, api, type, cm } = setup();
  for (const n of ["a", "b", "c"]) cm(n);
  const first = api.list<KubeObject>("test", type("configmaps"), "default", { limit: 2 });
  assert.deepEqual(
    first.items.map((o) => o.metadata.name),
    ["a", "b"],
  );
  assert.equal(first.remainingItemCount, 2);
  cm("bb");
  api.delete("test", type("configmaps"), "default", "c");
  const second = api.list<KubeObject>("test", type("configmaps"), "default", {
    limit: 10,
    continue: first.continue as string,
  });
  assert.deepEqual(
    second.items.map((o) => o.metadata.name),
    ["c", "kube-root-ca.crt"],
  );
  assert.equal(second.resourceVersion, first.resourceVersion);
  cluster.loop.advance(11 * 60_000);
  const expired = statusOf(() =>
    api.list("test", type("configmaps"), "default", { limit: 2, continue: first.continue as string }),
  );
  assert.equal(expired.code, 410);
  assert.match(
    expired.message,
    /^The provided continue parameter is too old to display a consistent list result\./,
  );
  const fresh = (expired.status.metadata as { continue?: string }).continue as string;
  const rest = api.list<KubeObject>("test", type("configmaps"), "default", { continue: fresh });
  // The fresh token continues after "b" in the latest state: "bb" appears, "c" is gone.
  assert.deepEqual(
    rest.items.map((o) => o.metadata.name),
    ["bb", "kube-root-ca.crt"],
  );
  assert.equal(
    statusOf(() => api.list("test", type("configmaps"), "default", { continue: "%%" })).message,
    "continue key is not valid: illegal base64 data at input byte 0",
  );
});

test("watches: bookmarks every minute, a future revision times out, a compacted one is gone", () => {
  const { cluster, api, type } = setup();
  const events: WatchEvent[] = [];
  const handle = api.watch("test", type("configmaps"), "default", { allowWatchBookmarks: true }, (e) =>
    events.push(e),
  );
  cluster.loop.advance(150_000);
  assert.deepEqual(
    events.map((e) => e.type),
    ["ADDED", "BOOKMARK", "BOOKMARK"],
  );
  assert.equal(events[1]?.object.kind, "ConfigMap");
  handle.stop();
  cluster.loop.advance(120_000);
  assert.equal(events.length, 3, "a stopped watch gets no more bookmarks");
  const future = statusOf(() =>
    api.watch("test", type("configmaps"), "default", { resourceVersion: "999999" }, () => {}),
  );
  assert.equal(future.code, 504);
  assert.match(future.message, /^Timeout: Too large resource version: 999999, current: \d+$/);
  cluster.loop.advance(11 * 60_000);
  const gone = statusOf(() =>
    api.watch("test", type("configmaps"), "default", { resourceVersion: "2" }, () => {}),
  );
  assert.equal(gone.code, 410);
  assert.equal(gone.reason, "Expired");
  assert.match(gone.message, /^too old resource version: 2 \(\d+\)$/);
});

test("field selectors: each kind's labels and refusals", () => {
  const { api, type } = setup();
  const refused = (resource: string, selector: string) =>
    statusOf(() => api.list("test", type(resource), "default", { fieldSelector: selector })).message;
  assert.equal(refused("pods", "spec.image=x"), "field label not supported: spec.image");
  assert.equal(refused("nodes", "metadata.namespace=x"), "field label not supported: metadata.namespace");
  assert.equal(refused("jobs", "spec.x=1"), 'field label "spec.x" not supported for batchv1.Job');
  assert.equal(
    refused("deployments", "status.replicas=1"),
    '"status.replicas" is not a known field selector: only "metadata.name", "metadata.namespace"',
  );
  assert.deepEqual(
    api.list<KubeObject>("test", type("namespaces"), undefined, { fieldSelector: "status.phase=Active" })
      .items.length,
    4,
  );
});

test("the scale subresource validates replicas; kinds without it are not found", () => {
  const { api, type } = setup();
  api.create("test", type("deployments"), "default", {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web" },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: "web" } },
      template: {
        metadata: { labels: { app: "web" } },
        spec: { containers: [{ name: "w", image: "nginx" }] },
      },
    },
  });
  const scale = api.getScale("test", type("deployments"), "default", "web");
  assert.deepEqual([scale.spec.replicas, scale.status.selector], [2, "app=web"]);
  const invalid = statusOf(() =>
    api.updateScale("test", type("deployments"), "default", "web", { spec: { replicas: -1 } }),
  );
  assert.equal(
    invalid.message,
    'Scale.autoscaling "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0',
  );
  assert.equal(statusOf(() => api.getScale("test", type("configmaps"), "default", "x")).code, 404);
});

test("finalize removes a deleting namespace once its last finalizer is gone", () => {
  const { api, type } = setup();
  api.create("test", type("namespaces"), undefined, {
    apiVersion: "v1",
    kind: "Namespace",
    metadata: { name: "tmp" },
  });
  api.delete("test", type("namespaces"), undefined, "tmp");
  const ns = api.get<KubeObject>("test", type("namespaces"), undefined, "tmp");
  assert.equal((ns.status as { phase: string }).phase, "Terminating");
  api.finalizeNamespace("test", { ...ns, spec: { finalizers: [] } });
  assert.equal(api.peek(type("namespaces"), undefined, "tmp"), undefined);
});
