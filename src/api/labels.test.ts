import assert from "node:assert/strict";
import { test } from "node:test";
import { Selector, SelectorParseError, selectorFromLabelSelector } from "./labels.ts";

const pods = {
  dev: { env: "dev", app: "web" },
  prod: { env: "prod", app: "web" },
  none: { app: "db" },
};

function names(selector: string): string[] {
  const s = Selector.parse(selector);
  return Object.entries(pods)
    .filter(([, labels]) => s.matches(labels))
    .map(([name]) => name);
}

test("equality, existence and set-based requirements", () => {
  assert.deepEqual(names("env"), ["dev", "prod"]);
  assert.deepEqual(names("!env"), ["none"]);
  assert.deepEqual(names("env=dev"), ["dev"]);
  assert.deepEqual(names("env==dev"), ["dev"]);
  assert.deepEqual(names("env!=dev"), ["prod", "none"]);
  assert.deepEqual(names("env in (dev,qa)"), ["dev"]);
  assert.deepEqual(names("env notin (dev)"), ["prod", "none"]);
  assert.deepEqual(names("app=web,env!=prod"), ["dev"]);
  assert.deepEqual(names(""), ["dev", "prod", "none"]);
  assert.deepEqual(names("  env  in  ( dev , qa )  "), ["dev"]);
});

test("canonical string form sorts requirements by key", () => {
  assert.equal(Selector.parse("env in (qa,dev),!canary,app").toString(), "app,!canary,env in (dev,qa)");
  assert.equal(Selector.fromSet({ b: "2", a: "1" }).toString(), "a=1,b=2");
});

test("gt and lt compare integers", () => {
  const s = Selector.parse("replicas>2");
  assert.equal(s.matches({ replicas: "3" }), true);
  assert.equal(s.matches({ replicas: "2" }), false);
  assert.equal(s.matches({ replicas: "x" }), false);
});

test("parse errors use the apiserver's wording", () => {
  assert.throws(
    () => Selector.parse("env in ("),
    new SelectorParseError("unable to parse requirement: found '', expected: ',', ')' or identifier"),
  );
  assert.throws(() => Selector.parse("env=dev,"), /found '', expected: identifier after ','/);
  assert.throws(() => Selector.parse("env dev"), /found 'dev', expected: in, notin, =, ==, !=, gt, lt/);
  assert.throws(
    () => Selector.parse("env=-x"),
    /values\[0\]\[env\]: Invalid value: "-x": a valid label must be an empty string/,
  );
  assert.throws(() => Selector.parse("=dev"), /found '=', expected: !, identifier, or 'end of string'/);
});

test("metav1.LabelSelector conversion", () => {
  const s = selectorFromLabelSelector({
    matchLabels: { app: "web" },
    matchExpressions: [{ key: "env", operator: "In", values: ["dev", "qa"] }],
  });
  assert.equal(s?.toString(), "app=web,env in (dev,qa)");
  assert.equal(selectorFromLabelSelector(undefined), null);
  assert.equal(selectorFromLabelSelector({})?.isEmpty(), true);
  assert.throws(
    () => selectorFromLabelSelector({ matchExpressions: [{ key: "a", operator: "Equals" }] }),
    /not a valid label selector operator/,
  );
});
