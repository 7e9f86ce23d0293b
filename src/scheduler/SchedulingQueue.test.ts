import assert from "node:assert/strict";
import { test } from "node:test";
import type { Pod } from "../api/types.ts";
import { EventLoop } from "../clock/EventLoop.ts";
import type { ClusterEvent } from "./framework/Plugin.ts";
import { PluginStatus } from "./framework/Status.ts";
import { SchedulingGates } from "./plugins/SchedulingGates.ts";
import { SchedulingQueue } from "./SchedulingQueue.ts";

function pod(name: string, extra: Partial<NonNullable<Pod["spec"]>> = {}, priority = 0): Pod {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: "default", uid: `uid-${name}` },
    spec: { containers: [{ name: "c", image: "nginx" }], priority, ...extra },
  } as Pod;
}

function setup(hint: (plugin: string, event: ClusterEvent) => boolean = () => true) {
  const loop = new EventLoop(0);
  const queue = new SchedulingQueue(loop, {
    preEnqueue: (p) => SchedulingGates.preEnqueue?.(p) ?? PluginStatus.success,
    hint: (plugin, event) => hint(plugin, event),
  });
  return { loop, queue };
}

test("activeQ pops by priority, then first come first served", () => {
  const { queue } = setup();
  queue.add(pod("a"), "default/a");
  queue.add(pod("b", {}, 10), "default/b");
  queue.add(pod("c"), "default/c");
  assert.deepEqual(
    [queue.pop()?.key, queue.pop()?.key, queue.pop()?.key],
    ["default/b", "default/a", "default/c"],
  );
});

test("unschedulable pods wait 5 minutes, checked every 30 seconds from the queue's start", () => {
  const { loop, queue } = setup(() => false);
  loop.advance(10_000);
  queue.add(pod("a"), "default/a");
  const q = queue.pop();
  assert.ok(q);
  queue.addUnschedulable(q, ["NodeResourcesFit"]);
  loop.advance(5 * 60_000 + 19_000);
  assert.equal(queue.hasActive(), false);
  loop.advance(1_000); // the flush at 5m30s finds it waited more than 5 minutes
  assert.equal(queue.hasActive(), true);
});

test("a cluster event moves a pod only if a rejecting plugin's hint says so, into backoffQ while backing off", () => {
  const { loop, queue } = setup((plugin) => plugin === "NodeResourcesFit");
  queue.add(pod("a"), "default/a");
  const q = queue.pop();
  assert.ok(q);
  queue.addUnschedulable(q, ["TaintToleration"]);
  queue.onClusterEvent({ kind: "NodeAdd", node: { metadata: { name: "n" } } as never });
  assert.deepEqual(queue.sizes(), { active: 0, backoff: 0, unschedulable: 1, gated: 0 });
  (queue.get("default/a") as { unschedulablePlugins: Set<string> }).unschedulablePlugins = new Set([
    "NodeResourcesFit",
  ]);
  queue.onClusterEvent({ kind: "NodeAdd", node: { metadata: { name: "n" } } as never });
  assert.deepEqual(queue.sizes(), { active: 0, backoff: 1, unschedulable: 0, gated: 0 });
  loop.advance(1_000); // back-off of the first attempt: 1 s, flushed on the next second's tick
  assert.equal(queue.hasActive(), true);
});

test("back-off doubles per attempt up to 10 seconds", () => {
  const { queue } = setup();
  const q = { attempts: 1 } as never;
  assert.equal(queue.backoffDuration(q), 1000);
  assert.equal(queue.backoffDuration({ attempts: 3 } as never), 4000);
  assert.equal(queue.backoffDuration({ attempts: 9 } as never), 10_000);
});

test("a gated pod waits, unflushed, until an update removes its gates", () => {
  const { loop, queue } = setup();
  const gated = pod("g", { schedulingGates: [{ name: "example.com/a" }] });
  queue.add(gated, "default/g");
  assert.deepEqual(queue.sizes(), { active: 0, backoff: 0, unschedulable: 0, gated: 1 });
  loop.advance(10 * 60_000);
  assert.equal(queue.hasActive(), false);
  queue.update(pod("g"), "default/g");
  assert.equal(queue.pop()?.key, "default/g");
});
