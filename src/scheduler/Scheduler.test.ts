import assert from "node:assert/strict";
import { test } from "node:test";
import type { ResourceType } from "../api/kinds.ts";
import type { Pod } from "../api/types.ts";
import { ControlPlane } from "../bench/ControlPlane.ts";
import { NODE_DEFAULT } from "../bench/schedulerPerf.ts";
import { Scheduler } from "./Scheduler.ts";

function podOf(cp: ControlPlane, name: string): Pod {
  return cp.apiserver.peek(cp.kinds.forResourceName("pods") as ResourceType, "default", name) as Pod;
}

function create(cp: ControlPlane, pod: Partial<Pod> & { metadata: Pod["metadata"] }): void {
  cp.apiserver.create("test", cp.kinds.forResourceName("pods") as ResourceType, "default", {
    apiVersion: "v1",
    kind: "Pod",
    spec: { containers: [{ name: "c", image: "nginx" }] },
    ...pod,
  });
  cp.loop.settle();
}

test("numFeasibleNodesToFind: all nodes below 100, then 50 − nodes/125 percent, at least 5 % and 100 nodes", () => {
  const cp = new ControlPlane();
  const s = cp.scheduler;
  assert.deepEqual(
    [99, 100, 200, 1000, 5000, 20000].map((n) => s.numFeasibleNodesToFind(n)),
    [99, 100, 100, 420, 500, 1000],
  );
  assert.equal(s.numFeasibleNodesToFind(1000, 100), 1000);
  cp.dispose();
});

test("without nodes the pod waits with the ErrNoNodesAvailable message", () => {
  const cp = new ControlPlane();
  create(cp, { metadata: { name: "lonely" } });
  const condition = podOf(cp, "lonely").status?.conditions?.find((c) => c.type === "PodScheduled");
  assert.equal(condition?.message, "no nodes available to schedule pods");
  assert.equal(condition?.reason, "Unschedulable");
  cp.dispose();
});

test("removing the last scheduling gate through the API lets the pod be scheduled", () => {
  const cp = new ControlPlane();
  cp.createNodes(1, NODE_DEFAULT);
  create(cp, {
    metadata: { name: "gated" },
    spec: { containers: [{ name: "c", image: "nginx" }], schedulingGates: [{ name: "a" }] },
  });
  assert.equal(podOf(cp, "gated").spec?.nodeName, undefined);
  assert.equal(cp.scheduler.queue.sizes().gated, 1);
  const pods = cp.kinds.forResourceName("pods") as ResourceType;
  cp.apiserver.patch("test", pods, "default", "gated", "json", [
    { op: "remove", path: "/spec/schedulingGates" },
  ]);
  cp.loop.settle();
  assert.ok(podOf(cp, "gated").spec?.nodeName);
  cp.dispose();
});

test("one scheduler serves several profiles; each pod by the profile it names", () => {
  const cp = new ControlPlane();
  const second = new Scheduler(cp.loop, cp.random, cp.apiserver, {
    name: "second",
    profiles: [
      { schedulerName: "packer", scoringStrategy: { type: "MostAllocated" } },
      { schedulerName: "spreader" },
    ],
  });
  second.start();
  cp.createNodes(2, NODE_DEFAULT);
  cp.loop.settle();
  create(cp, {
    metadata: { name: "p1" },
    spec: { schedulerName: "packer", containers: [{ name: "c", image: "nginx" }] },
  });
  create(cp, {
    metadata: { name: "p2" },
    spec: { schedulerName: "spreader", containers: [{ name: "c", image: "nginx" }] },
  });
  assert.deepEqual(second.profileNames, ["packer", "spreader"]);
  assert.equal(second.lastDecision("default/p1")?.profile, "packer");
  assert.equal(second.lastDecision("default/p2")?.profile, "spreader");
  assert.equal(cp.scheduler.lastDecision("default/p1"), undefined);
  second.actor.stop();
  cp.dispose();
});
