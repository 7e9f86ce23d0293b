import assert from "node:assert/strict";
import { test } from "node:test";
import { FieldSelector } from "./fields.ts";

test("field selectors match = and != terms", () => {
  const s = FieldSelector.parse("spec.nodeName=node-1,status.phase!=Failed");
  assert.equal(s.matches({ "spec.nodeName": "node-1", "status.phase": "Running" }), true);
  assert.equal(s.matches({ "spec.nodeName": "node-1", "status.phase": "Failed" }), false);
  assert.equal(s.requiredValue("spec.nodeName"), "node-1");
  assert.equal(FieldSelector.parse("spec.nodeName=").matches({ "spec.nodeName": "" }), true);
});

test("escapes and errors", () => {
  assert.equal(FieldSelector.parse("metadata.name=a\\,b").requirements[0]?.value, "a,b");
  assert.throws(
    () => FieldSelector.parse("nonsense"),
    /invalid selector: 'nonsense'; can't understand 'nonsense'/,
  );
  assert.equal(FieldSelector.parse("a==b").toString(), "a=b");
});
