import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { BUILTIN_KINDS } from "./kinds.ts";
import { checkStructure, fieldType, hasModel, QUANTITY_FIELDS } from "./schema.ts";

test("every registered kind has a generated model", () => {
  for (const kind of BUILTIN_KINDS) assert.equal(hasModel(kind.model), true, kind.model);
});

test("unknown fields are named with their path, in document order", () => {
  const pod = {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "x" },
    spec: { containerz: [], containers: [{ name: "a", image: "b", imagez: 1 }] },
  };
  assert.deepEqual(checkStructure("V1Pod", pod).unknownFields, [
    "spec.containerz",
    "spec.containers[0].imagez",
  ]);
});

test("type errors read like encoding/json's", () => {
  const pod = {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "x", labels: { a: 1 } },
    spec: { containers: [] },
  };
  assert.equal(
    checkStructure("V1Pod", pod).typeError,
    "json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string",
  );
  const spec = { apiVersion: "v1", kind: "Pod", metadata: {}, spec: "oops" };
  assert.equal(
    checkStructure("V1Pod", spec).typeError,
    "json: cannot unmarshal string into Go struct field Pod.spec of type v1.PodSpec",
  );
});

test("quantities are canonicalized in place and malformed ones rejected", () => {
  const pod = {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {},
    spec: { containers: [{ name: "a", resources: { requests: { cpu: 0.5, memory: "1.5Gi" } } }] },
  };
  assert.deepEqual(checkStructure("V1Pod", pod), { unknownFields: [] });
  assert.deepEqual(pod.spec.containers[0]?.resources.requests, { cpu: "500m", memory: "1536Mi" });
  const bad = {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {},
    spec: { containers: [{ name: "a", resources: { limits: { cpu: "lots" } } }] },
  };
  assert.match(checkStructure("V1Pod", bad).typeError ?? "", /quantities must match the regular expression/);
});

test("dropping unknown fields when validation is off", () => {
  const pod = {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "x" },
    spec: { junk: true, containers: [] },
  };
  checkStructure("V1Pod", pod, true);
  assert.equal("junk" in pod.spec, false);
  assert.equal(fieldType("V1Pod", ["spec", "containers", "0", "ports"]), "Array<V1ContainerPort>");
});

test("QUANTITY_FIELDS lists every resource.Quantity field kubernetes-models declares", () => {
  // kubernetes-models (generated from the OpenAPI schema) types quantities as IIoK8sApimachineryPkgApiResourceQuantity.
  const require = createRequire(import.meta.url);
  const root = dirname(require.resolve("kubernetes-models/package.json"));
  const missing: string[] = [];
  let found = 0;
  for (const group of ["v1", "apps/v1", "batch/v1", "node.k8s.io/v1", "storage.k8s.io/v1"]) {
    const dir = join(root, group);
    for (const file of readdirSync(dir).filter((f) => f.endsWith(".d.ts"))) {
      const text = readFileSync(join(dir, file), "utf8");
      const iface = text.split("export declare class")[0] ?? "";
      const fields = [
        ...iface.matchAll(/"(\w+)"\??: (?:\{\s*\[key: string\]: )?IIoK8sApimachineryPkgApiResourceQuantity/g),
      ].map((m) => m[1] as string);
      const model = `V1${file.replace(".d.ts", "")}`;
      found += fields.length;
      for (const field of fields)
        if (!(QUANTITY_FIELDS[model] ?? []).includes(field)) missing.push(`${model}.${field}`);
    }
  }
  assert.ok(found >= 15, `expected to find the Quantity fields, found ${found}`);
  assert.deepEqual(missing, []);
});
