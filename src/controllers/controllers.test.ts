import assert from "node:assert/strict";
import { test } from "node:test";
import { clusterWithWorkers } from "../cluster/ClusterSpec.ts";
import { SimulatedCluster } from "../cluster/SimulatedCluster.ts";
import { computeHash, fnv32a, safeEncodeString } from "./controllerUtils.ts";
import { resolveFenceposts, scaledValue } from "./deployment/deploymentUtil.ts";
import { podFailureBackoff } from "./job/JobController.ts";
import { RateLimitedTimedQueue } from "./nodelifecycle/RateLimitedTimedQueue.ts";
import { matchingTolerations, minTolerationSeconds } from "./nodelifecycle/TaintEvictionController.ts";
import { ordinalOf } from "./statefulset/StatefulSetController.ts";

test("FNV-32a and SafeEncodeString follow the Go implementations", () => {
  assert.equal(fnv32a(""), 0x811c9dc5);
  assert.equal(fnv32a("a"), 0xe40c292c);
  assert.equal(safeEncodeString("0123456789"), "456789bcdf");
  assert.match(computeHash({ spec: {} }), /^[bcdfghjklmnpqrstvwxz2456789]+$/);
  assert.notEqual(computeHash({ spec: {} }), computeHash({ spec: {} }, 1));
  assert.equal(computeHash({ a: 1, b: 2 }), computeHash({ b: 2, a: 1 }));
});

test("percentages round up for surge and down for unavailability", () => {
  assert.equal(scaledValue("25%", 10, true), 3);
  assert.equal(scaledValue("25%", 10, false), 2);
  assert.equal(scaledValue(2, 10, false), 2);
  assert.deepEqual(resolveFenceposts("25%", "25%", 4), { surge: 1, unavailable: 1 });
  assert.deepEqual(resolveFenceposts(0, "10%", 3), { surge: 0, unavailable: 1 });
  assert.throws(() => scaledValue("x%", 3, true), /invalid value for IntOrString/);
});

test("taint eviction picks the shortest toleration and -1 for forever", () => {
  const taint = { key: "node.kubernetes.io/unreachable", effect: "NoExecute" as const };
  const forever = { key: taint.key, operator: "Exists" as const, effect: "NoExecute" as const };
  const timed = { ...forever, tolerationSeconds: 60 };
  assert.equal(minTolerationSeconds(matchingTolerations([taint], [timed]).used), 60);
  assert.equal(minTolerationSeconds(matchingTolerations([taint], [forever]).used), -1);
  assert.equal(matchingTolerations([taint], []).all, false);
  assert.equal(minTolerationSeconds([{ ...timed, tolerationSeconds: 0 }]), 0);
});

test("the tainting queue lets one node through every 10 seconds", () => {
  const queue = new RateLimitedTimedQueue(0.1, 0);
  for (const name of ["a", "b", "c"]) queue.add(name, 0);
  const done: string[] = [];
  queue.try(0, (n) => done.push(n) > 0);
  queue.try(5_000, (n) => done.push(n) > 0);
  queue.try(10_000, (n) => done.push(n) > 0);
  assert.deepEqual(done, ["a", "b"]);
  queue.swapLimiter(0, 20_000);
  queue.try(40_000, (n) => done.push(n) > 0);
  assert.deepEqual(done, ["a", "b"]);
});

test("job back-off doubles from 10 s to at most 6 minutes; StatefulSet ordinals", () => {
  assert.deepEqual([0, 1, 2, 3, 10].map(podFailureBackoff), [0, 10_000, 20_000, 40_000, 360_000]);
  assert.equal(ordinalOf("web", "web-12"), 12);
  assert.equal(ordinalOf("web", "web-01"), -1);
  assert.equal(ordinalOf("web", "db-0"), -1);
});

test("a Job completes when its pods succeed, counting each once", () => {
  const cluster = SimulatedCluster.create(clusterWithWorkers(1));
  const run = (line: string, stdin = "") => cluster.kubectlSync(line, stdin);
  assert.equal(
    run(
      "kubectl apply -f -",
      'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: pi\nspec:\n  completions: 2\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: pi\n        image: busybox\n        command: ["sh", "-c", "sleep 5; echo 3.14159"]\n',
    ).exitCode,
    0,
  );
  cluster.loop.advance(8_000);
  assert.match(run("kubectl get job pi").stdout, /pi +Running +1\/2/);
  cluster.loop.advance(30_000);
  const job = JSON.parse(run("kubectl get job pi -o json").stdout);
  assert.equal(job.status.succeeded, 2);
  assert.deepEqual(
    job.status.conditions.map((c: { type: string; reason: string }) => `${c.type}/${c.reason}`),
    ["SuccessCriteriaMet/CompletionsReached", "Complete/CompletionsReached"],
  );
  assert.match(run("kubectl get job pi").stdout, /pi +Complete +2\/2/);
  assert.match(run("kubectl get events").stdout, /Completed +job\/pi +Job completed/);
});

test("a Job past its backoff limit fails", () => {
  const cluster = SimulatedCluster.create(clusterWithWorkers(1));
  cluster.kubectlSync(
    "kubectl apply -f -",
    'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: flaky\nspec:\n  backoffLimit: 0\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: c\n        image: busybox\n        command: ["sh", "-c", "exit 1"]\n',
  );
  cluster.loop.advance(30_000);
  const job = JSON.parse(cluster.kubectlSync("kubectl get job flaky -o json").stdout);
  assert.deepEqual(
    job.status.conditions.map((c: { type: string; message: string }) => `${c.type}: ${c.message}`),
    [
      "FailureTarget: Job has reached the specified backoff limit",
      "Failed: Job has reached the specified backoff limit",
    ],
  );
});
