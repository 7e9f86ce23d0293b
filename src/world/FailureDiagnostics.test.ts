import assert from "node:assert/strict";
import { test } from "node:test";
import { clusterWithWorkers } from "../cluster/ClusterSpec.ts";
import { SimulatedCluster } from "../cluster/SimulatedCluster.ts";
import { ExpectationError, unifiedDiff } from "./ExpectationError.ts";
import { diagnoseFailure, replayCommand } from "./FailureDiagnostics.ts";

const greedyDeployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 1
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: app
        image: nginx
        resources:
          requests:
            cpu: "8"
`;

function sectionsOf(diagnosis: ReturnType<typeof diagnoseFailure>): Record<string, string> {
  return Object.fromEntries(diagnosis.sections.map((s) => [s.title, s.body]));
}

test("an unschedulable pod of a deployment: objects, owner chain, events, scheduler, time, replay", () => {
  const cluster = SimulatedCluster.create(clusterWithWorkers(1), {});
  try {
    const started = cluster.now();
    assert.equal(cluster.kubectlSync("kubectl apply -f -", greedyDeployment).exitCode, 0);
    cluster.loop.advance(30_000);
    const diagnosis = diagnoseFailure({
      error: new Error("still not true"),
      stepText: 'within 30 seconds, 1 pods matching "app=web" are "Running"',
      cluster,
      seed: 4,
      location: "features/x.feature:7",
      clusterStartedAt: started,
    });
    const s = sectionsOf(diagnosis);
    assert.match(
      s["owner chain"] ?? "",
      /^pod default\/web-[a-z0-9]+-[a-z0-9]+ → replicaset\.apps default\/web-[a-z0-9]+ → deployment\.apps default\/web$/,
    );
    assert.match(s.objects ?? "", /^kind: Pod$/m);
    assert.match(s.objects ?? "", /^kind: ReplicaSet$/m);
    assert.match(s.objects ?? "", /^kind: Deployment$/m);
    assert.doesNotMatch(s.objects ?? "", /managedFields|&a1/);
    assert.match(
      s["recent events (as kubectl events prints them)"] ?? "",
      /Warning +FailedScheduling +Pod\/web-/,
    );
    assert.match(s.scheduler ?? "", /node-1 +NodeResourcesFit: Insufficient cpu/);
    assert.equal(s["cluster time"], "2025-03-01T09:00:30Z (30s after the cluster started)");
    assert.equal(s.replay, "seed 4: KUBESPEC_SEED=4 npx kubespec run features/x.feature:7");
    assert.match(
      diagnosis.text,
      /── objects ──\nPod default\/web-\S+, ReplicaSet default\/web-\S+, Deployment default\/web \(as YAML/,
    );
    const files = diagnosis.sections.filter((x) => x.fileName).map((x) => x.fileName);
    assert.deepEqual(files, ["objects.yaml"]);
  } finally {
    void cluster.dispose();
  }
});

test("objects named by the last kubectl command; a diff section for an ExpectationError", () => {
  const cluster = SimulatedCluster.create(clusterWithWorkers(1), {});
  try {
    cluster.kubectlSync("kubectl create namespace team");
    cluster.kubectlSync("kubectl create configmap settings -n team --from-literal=a=b");
    const error = new ExpectationError("the output differs", "a\n", "b\n");
    const diagnosis = diagnoseFailure({
      error: new Error("still not true", { cause: error }),
      stepText: "the output is:",
      lastCommand: "kubectl get configmap settings --namespace team -o yaml",
      cluster,
      seed: 1,
    });
    const s = sectionsOf(diagnosis);
    assert.match(s.objects ?? "", /^ {2}name: settings$/m);
    assert.equal(s["expected vs actual"], unifiedDiff("a\n", "b\n"));
    // The wrapping message does not contain the diff, so the text carries it.
    assert.match(diagnosis.text, /── expected vs actual ──\n--- expected\n\+\+\+ actual/);
    assert.equal(s.scheduler, undefined);
  } finally {
    void cluster.dispose();
  }
});

test("a selector matching many pods: the first five are explained", () => {
  const cluster = SimulatedCluster.create(clusterWithWorkers(1), {});
  try {
    cluster.kubectlSync("kubectl apply -f -", greedyDeployment.replace("replicas: 1", "replicas: 7"));
    cluster.loop.advance(1_000);
    const diagnosis = diagnoseFailure({
      error: new Error("not yet"),
      stepText: '7 pods matching "app=web" are "Running"',
      cluster,
      seed: 1,
    });
    const s = sectionsOf(diagnosis);
    assert.equal((s["owner chain"] ?? "").split("\n").length, 6);
    assert.match(s["owner chain"] ?? "", /\(the first 5 of 7 objects the step names\)$/);
    assert.equal((s.scheduler ?? "").match(/^Scheduling of pod /gm)?.length, 5);
  } finally {
    void cluster.dispose();
  }
});

test("repeated events show how often and since when, as kubectl events does", () => {
  const cluster = SimulatedCluster.create(clusterWithWorkers(1), {});
  try {
    cluster.kubectlSync("kubectl run bad --image=registry.example/nope:1");
    cluster.loop.advance(180_000);
    const diagnosis = diagnoseFailure({
      error: new Error("x"),
      stepText: 'pod "bad" is "Running"',
      cluster,
      seed: 1,
    });
    const events = sectionsOf(diagnosis)["recent events (as kubectl events prints them)"] ?? "";
    assert.match(events, /^LAST SEEN +TYPE +REASON +OBJECT +MESSAGE$/m);
    assert.match(events, /^3m +Normal +Scheduled +Pod\/bad +Successfully assigned default\/bad to node-1$/m);
    assert.match(
      events,
      /^\d+s \(x\d+ over 2m5\ds\) +Normal +BackOff +Pod\/bad +Back-off pulling image "registry.example\/nope:1"$/m,
    );
  } finally {
    void cluster.dispose();
  }
});

test("without a cluster, only the replay command", () => {
  const diagnosis = diagnoseFailure({ error: "boom", seed: 9 });
  assert.deepEqual(
    diagnosis.sections.map((s) => s.title),
    ["replay"],
  );
  assert.equal(diagnosis.text, "── replay ──\nseed 9: KUBESPEC_SEED=9 npx kubespec run");
  assert.equal(
    replayCommand(2, "features/a.feature:3"),
    "KUBESPEC_SEED=2 npx kubespec run features/a.feature:3",
  );
});

test("unifiedDiff marks expected lines - and actual lines +", () => {
  assert.equal(
    unifiedDiff("NAME\nweb-1\n", "NAME\nweb-2"),
    "--- expected\n+++ actual\n@@ -1,2 +1,2 @@\n NAME\n-web-1\n+web-2\n",
  );
  const error = new ExpectationError("differs", "x", "y", "$ kubectl get pods");
  assert.equal(
    error.message,
    "differs:\n--- expected\n+++ actual\n@@ -1,1 +1,1 @@\n-x\n+y\n\n$ kubectl get pods",
  );
  assert.equal(error.showDiff, false);
});
