import assert from "node:assert/strict";
import { test } from "node:test";
import { PatchMeta } from "./PatchMeta.ts";
import {
  applyStrategicMergePatch,
  createThreeWayMergePatch,
  createTwoWayMergePatch,
  type JsonMap,
  StrategicMergePatchError,
} from "./strategicMergePatch.ts";

const pod = PatchMeta.forModel("V1Pod");
const deployment = PatchMeta.forModel("V1Deployment");

const base: JsonMap = {
  metadata: { name: "web", labels: { app: "web" }, finalizers: ["a/x", "b/y"] },
  spec: {
    containers: [
      { name: "app", image: "nginx", env: [{ name: "A", value: "1" }] },
      { name: "sidecar", image: "busybox" },
    ],
    tolerations: [{ key: "k", operator: "Exists" }],
  },
};

test("containers merge by name; other lists are replaced", () => {
  const out = applyStrategicMergePatch(
    base,
    { spec: { containers: [{ name: "sidecar", image: "busybox:1.36" }], tolerations: [{ key: "z" }] } },
    pod,
  );
  assert.deepEqual(out.spec, {
    containers: [
      { name: "app", image: "nginx", env: [{ name: "A", value: "1" }] },
      { name: "sidecar", image: "busybox:1.36" },
    ],
    tolerations: [{ key: "z" }],
  });
  assert.equal((base.spec as JsonMap).tolerations !== undefined, true, "the original is not modified");
});

test("nested merge keys: env merges by name; new elements go first (mergeSortedSlice)", () => {
  const out = applyStrategicMergePatch(
    base,
    { spec: { containers: [{ name: "app", env: [{ name: "B", value: "2" }] }] } },
    pod,
  );
  const app = ((out.spec as JsonMap).containers as JsonMap[])[0] as JsonMap;
  assert.deepEqual(app.env, [
    { name: "B", value: "2" },
    { name: "A", value: "1" },
  ]);
});

test("$patch: delete removes the matching element, $patch: replace replaces the list", () => {
  const deleted = applyStrategicMergePatch(
    base,
    { spec: { containers: [{ name: "sidecar", $patch: "delete" }] } },
    pod,
  );
  assert.deepEqual(
    ((deleted.spec as JsonMap).containers as JsonMap[]).map((c) => c.name),
    ["app"],
  );
  const replaced = applyStrategicMergePatch(
    base,
    { spec: { containers: [{ name: "only", image: "redis" }, { $patch: "replace" }] } },
    pod,
  );
  assert.deepEqual((replaced.spec as JsonMap).containers, [{ name: "only", image: "redis" }]);
});

test("$patch: replace on a map replaces it; $patch: delete empties it", () => {
  const out = applyStrategicMergePatch(
    base,
    { metadata: { labels: { tier: "db", $patch: "replace" } } },
    pod,
  );
  assert.deepEqual((out.metadata as JsonMap).labels, { tier: "db" });
  const gone = applyStrategicMergePatch(base, { metadata: { labels: { $patch: "delete" } } }, pod);
  assert.deepEqual((gone.metadata as JsonMap).labels, {});
});

test("finalizers merge as a set; $deleteFromPrimitiveList removes values", () => {
  const added = applyStrategicMergePatch(base, { metadata: { finalizers: ["c/z", "a/x"] } }, pod);
  assert.deepEqual(
    new Set((added.metadata as JsonMap).finalizers as string[]),
    new Set(["a/x", "b/y", "c/z"]),
  );
  const removed = applyStrategicMergePatch(
    base,
    { metadata: { "$deleteFromPrimitiveList/finalizers": ["a/x"] } },
    pod,
  );
  assert.deepEqual((removed.metadata as JsonMap).finalizers, ["b/y"]);
});

test("$setElementOrder orders the merged list", () => {
  const out = applyStrategicMergePatch(
    base,
    { spec: { "$setElementOrder/containers": [{ name: "sidecar" }, { name: "app" }] } },
    pod,
  );
  assert.deepEqual(
    ((out.spec as JsonMap).containers as JsonMap[]).map((c) => c.name),
    ["sidecar", "app"],
  );
});

test("$retainKeys clears fields not listed (Deployment strategy)", () => {
  const d: JsonMap = { spec: { strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 1 } } } };
  const out = applyStrategicMergePatch(
    d,
    { spec: { strategy: { $retainKeys: ["type"], type: "Recreate" } } },
    deployment,
  );
  assert.deepEqual((out.spec as JsonMap).strategy, { type: "Recreate" });
});

test("null deletes a field; unknown directives and missing merge keys are errors", () => {
  const out = applyStrategicMergePatch(base, { metadata: { labels: null } }, pod);
  assert.equal("labels" in (out.metadata as JsonMap), false);
  assert.throws(
    () => applyStrategicMergePatch(base, { spec: { $patch: "bogus" } }, pod),
    (e: unknown) => e instanceof StrategicMergePatchError && /unknown patch type: bogus/.test(e.message),
  );
  assert.throws(
    () => applyStrategicMergePatch(base, { spec: { containers: [{ image: "x" }] } }, pod),
    /does not contain declared merge key: name/,
  );
});

test("two-way patch of an image change names the container and keeps the order", () => {
  const modified = structuredClone(base);
  (((modified.spec as JsonMap).containers as JsonMap[])[1] as JsonMap).image = "busybox:1.36";
  assert.deepEqual(createTwoWayMergePatch(base, modified, pod), {
    spec: {
      containers: [{ image: "busybox:1.36", name: "sidecar" }],
      "$setElementOrder/containers": [{ name: "app" }, { name: "sidecar" }],
    },
  });
});

test("three-way patch: removing a field from the manifest removes it; unchanged is {}", () => {
  const original: JsonMap = { metadata: { labels: { app: "web", env: "dev" } } };
  const modified: JsonMap = { metadata: { labels: { app: "web" } } };
  const current: JsonMap = { metadata: { labels: { app: "web", env: "dev", extra: "kept" } } };
  assert.deepEqual(createThreeWayMergePatch(original, modified, current, pod), {
    metadata: { labels: { env: null } },
  });
  assert.deepEqual(createThreeWayMergePatch(modified, modified, current, pod), {});
});

test("three-way patch deletes a container dropped from the manifest", () => {
  const original = base;
  const modified = structuredClone(base);
  (modified.spec as JsonMap).containers = [((base.spec as JsonMap).containers as JsonMap[])[0] as JsonMap];
  const patch = createThreeWayMergePatch(original, modified, base, pod);
  const applied = applyStrategicMergePatch(base, patch, pod);
  assert.deepEqual(
    ((applied.spec as JsonMap).containers as JsonMap[]).map((c) => c.name),
    ["app"],
  );
});
