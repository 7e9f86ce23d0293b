import assert from "node:assert/strict";
import { test } from "node:test";
import { parseTaintSpecs, reorganizeTaints } from "./taint.ts";

test("taint specs parse as kubectl's parseTaints does", () => {
  assert.deepEqual(parseTaintSpecs(["app=blue:NoSchedule", "dedicated:NoExecute-", "gpu-"]), {
    add: [{ key: "app", value: "blue", effect: "NoSchedule" }],
    remove: [{ key: "dedicated", effect: "NoExecute" }, { key: "gpu" }],
  });
  // A removal may carry a value; only key and effect count.
  assert.deepEqual(parseTaintSpecs(["app=blue:NoSchedule-"]).remove, [{ key: "app", effect: "NoSchedule" }]);
  const usage = "\nSee 'kubectl taint -h' for help and examples";
  assert.throws(() => parseTaintSpecs(["app=blue"]), {
    message: `error: invalid taint spec: app=blue, name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')${usage}`,
  });
  assert.throws(() => parseTaintSpecs(["a=b=c:NoSchedule"]), {
    message: `error: invalid taint spec: a=b=c:NoSchedule${usage}`,
  });
  assert.throws(() => parseTaintSpecs(["a:b:c"]), { message: `error: invalid taint spec: a:b:c${usage}` });
  assert.throws(() => parseTaintSpecs(["a=b:Sometimes"]), {
    message: `error: invalid taint effect: Sometimes, unsupported taint effect${usage}`,
  });
  assert.throws(
    () => parseTaintSpecs(["a=b:NoSchedule", "a=c:NoSchedule"]),
    /duplicated taints with the same key and effect/,
  );
});

test("reorganizeTaints puts new taints first and names the operation", () => {
  const old = [{ key: "x", effect: "NoSchedule" as const }];
  const blue = { key: "app", value: "blue", effect: "NoSchedule" as const };
  assert.deepEqual(reorganizeTaints(old, [blue], [], false), {
    taints: [blue, ...old],
    operation: "tainted",
    errors: [],
  });
  assert.deepEqual(reorganizeTaints([blue, ...old], [], [{ key: "app" }], false), {
    taints: old,
    operation: "untainted",
    errors: [],
  });
  const red = { ...blue, value: "red" };
  assert.equal(reorganizeTaints([blue], [red], [], true).operation, "modified");
  assert.equal(reorganizeTaints(old, [blue], [{ key: "x" }], false).operation, "modified");
  assert.deepEqual(reorganizeTaints(old, [], [{ key: "y", effect: "NoExecute" }], false).errors, [
    'taint "y:NoExecute" not found',
  ]);
});
