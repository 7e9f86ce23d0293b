import assert from "node:assert/strict";
import { test } from "node:test";
import { createActor } from "xstate";
import { StatechartVisits } from "../cluster/StatechartVisits.ts";
import { etcdMachine } from "../etcd/etcdMachine.ts";
import { formatStatechartCoverage, mergeStatechartVisits, statechartCoverage } from "./statechartCoverage.ts";

test("inspection records the states entered and the transitions taken", () => {
  const visits = new StatechartVisits();
  const actor = createActor(etcdMachine, {
    inspect: visits.inspect,
    input: { compact: () => {}, revision: () => 1 },
  });
  actor.start();
  actor.send({ type: "FAIL" });
  assert.deepEqual(visits.toJSON(), {}, "nothing is recorded until enabled");
  visits.enable();
  actor.send({ type: "RECOVER" });
  actor.stop();
  const etcd = statechartCoverage(visits.toJSON()).find((m) => m.name === "etcd");
  assert.deepEqual(etcd?.states.visited, ["etcd.healthy"]);
  assert.deepEqual(etcd?.transitions.visited, ["etcd.unavailable -> etcd.healthy on RECOVER"]);
  assert.ok(etcd?.transitions.unvisited.includes("etcd.healthy -> etcd.unavailable on FAIL"));
  visits.reset();
  assert.deepEqual(visits.toJSON(), {});
});

test("the visits of several scenarios merge, and the text names what was not visited", () => {
  const merged = mergeStatechartVisits([
    { etcd: { states: ["etcd.healthy"], transitions: [] } },
    undefined,
    {
      etcd: {
        states: ["etcd.unavailable", "etcd.healthy"],
        transitions: ["etcd.healthy|etcd.unavailable|FAIL"],
      },
    },
  ]);
  assert.deepEqual(merged.etcd?.states, ["etcd.healthy", "etcd.unavailable"]);
  const text = formatStatechartCoverage(statechartCoverage(merged));
  assert.match(text, /etcd\s+states 2\/2 {2}transitions 1\/3/);
  assert.match(text, /unvisited transition: etcd.unavailable -> etcd.healthy on RECOVER/);
  assert.match(text, /unvisited state: kube-apiserver.stopped/);
});
