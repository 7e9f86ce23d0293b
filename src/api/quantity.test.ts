import assert from "node:assert/strict";
import { test } from "node:test";
import { canonicalQuantity, Quantity } from "./quantity.ts";

test("canonical forms as the apiserver stores them", () => {
  const cases: [string | number, string][] = [
    ["1", "1"],
    [1, "1"],
    [0.5, "500m"],
    ["0.1", "100m"],
    ["1000m", "1"],
    ["1500m", "1500m"],
    ["2000", "2k"],
    ["1Gi", "1Gi"],
    ["1.5Gi", "1536Mi"],
    ["1024Mi", "1Gi"],
    ["100Mi", "100Mi"],
    ["512", "512"],
    ["1e3", "1e3"],
    ["0", "0"],
    ["8Gi", "8Gi"],
  ];
  for (const [input, expected] of cases) assert.equal(canonicalQuantity(input), expected, `${input}`);
});

test("values round up like MilliValue and Value", () => {
  assert.equal(Quantity.parse("100m").milliValue(), 100);
  assert.equal(Quantity.parse("1").milliValue(), 1000);
  assert.equal(Quantity.parse("1Mi").value(), 1048576);
  assert.equal(Quantity.parse("0.1").value(), 1);
  assert.equal(Quantity.parse("1n").milliValue(), 1);
});

test("arithmetic and comparison", () => {
  const a = Quantity.parse("1Gi");
  const b = Quantity.parse("512Mi");
  assert.equal(a.sub(b).toString(), "512Mi");
  assert.equal(a.add(b).toString(), "1536Mi");
  assert.equal(a.cmp(b), 1);
  assert.equal(Quantity.fromMilli(250).toString(), "250m");
});

test("malformed quantities get the apiserver's message", () => {
  for (const bad of ["", "abc", "1.2.3", "5Ki2", "--1"]) {
    assert.throws(() => Quantity.parse(bad), /quantities must match the regular expression/, bad);
  }
  assert.equal(Quantity.tryParse("nope"), undefined);
});
