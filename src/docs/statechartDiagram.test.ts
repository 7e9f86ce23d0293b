import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { etcdMachine } from "../etcd/etcdMachine.ts";
import { kubeletMachine } from "../kubelet/kubeletMachine.ts";
import { schedulerMachine } from "../scheduler/schedulerMachine.ts";
import { statesAndTransitions, toMermaid } from "./statechartDiagram.ts";
import { renderStatechartsDocument } from "./statechartsDocument.ts";

test("a machine becomes a Mermaid state diagram with nested states and delays", () => {
  const text = toMermaid(schedulerMachine);
  assert.match(text, /^stateDiagram-v2\n/);
  assert.match(text, /state kube_scheduler_running \{/);
  assert.match(text, /\[\*\] --> kube_scheduler_running_idle/);
  assert.match(text, /kube_scheduler_running_idle --> kube_scheduler_running_scheduling: WAKE/);
  assert.match(toMermaid(kubeletMachine), /kubelet_running --> kubelet_running: after 10s/);
});

test("states and transitions are listed for coverage", () => {
  const { states, transitions } = statesAndTransitions(etcdMachine);
  assert.deepEqual(states, ["etcd.healthy", "etcd.unavailable"]);
  assert.ok(transitions.includes("etcd.unavailable -> etcd.healthy on RECOVER"));
  assert.ok(transitions.includes("etcd.healthy -> etcd.healthy on after 5m0s"));
});

test("docs/statecharts.md is up to date (npm run docs:statecharts)", () => {
  assert.equal(readFileSync("docs/statecharts.md", "utf8"), renderStatechartsDocument());
});
