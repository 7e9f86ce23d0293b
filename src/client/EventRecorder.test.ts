import assert from "node:assert/strict";
import { test } from "node:test";
import type { Event } from "../api/types.ts";
import { clusterWithWorkers } from "../cluster/ClusterSpec.ts";
import { SimulatedCluster } from "../cluster/SimulatedCluster.ts";
import { Client } from "./Client.ts";
import { EventRecorder } from "./EventRecorder.ts";

function setup() {
  const cluster = SimulatedCluster.create(clusterWithWorkers(1), { record: false });
  const client = new Client("test", cluster.apiserver);
  const events = new EventRecorder(cluster.loop, client, {
    component: "sched",
    instance: "sched-cp",
    api: "events.k8s.io",
  });
  const pod = {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "p", namespace: "default", uid: "u", resourceVersion: "7" },
  };
  const list = () =>
    client
      .resource<Event>("events")
      .list("default", { fieldSelector: "involvedObject.name=p" })
      .items.map((e) => ({ count: e.series?.count, note: e.message }));
  return { cluster, events, pod, list };
}

test("events.k8s.io: the second identical event becomes a series of 2, later ones are counted until the series ends", () => {
  const { cluster, events, pod, list } = setup();
  events.record(pod, "Warning", "FailedScheduling", "no", undefined, "Scheduling");
  assert.deepEqual(list(), [{ count: undefined, note: "no" }]);
  cluster.loop.advance(60_000);
  events.record(pod, "Warning", "FailedScheduling", "no", undefined, "Scheduling");
  assert.deepEqual(list(), [{ count: 2, note: "no" }]);
  cluster.loop.advance(60_000);
  events.record(pod, "Warning", "FailedScheduling", "no", undefined, "Scheduling");
  assert.deepEqual(list(), [{ count: 2, note: "no" }]);
  // finishSeries (every 6 minutes) writes the final count once the series is 6 minutes old.
  cluster.loop.advance(12 * 60_000);
  assert.deepEqual(list(), [{ count: 3, note: "no" }]);
  // The series ended: the same event starts a new one.
  events.record(pod, "Warning", "FailedScheduling", "no", undefined, "Scheduling");
  assert.equal(list().length, 2);
});

test("a different resourceVersion of the object is a different event", () => {
  const { events, pod, list } = setup();
  events.record(pod, "Warning", "FailedScheduling", "no", undefined, "Scheduling");
  events.record(
    { ...pod, metadata: { ...pod.metadata, resourceVersion: "8" } },
    "Warning",
    "FailedScheduling",
    "no",
    undefined,
    "Scheduling",
  );
  assert.deepEqual(list(), [
    { count: undefined, note: "no" },
    { count: undefined, note: "no" },
  ]);
});
