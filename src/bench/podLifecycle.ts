/**
 * What a running pod costs the simulation: wall time and heap per pod for nginx pods started on a
 * cluster, the pod worker's statechart actor alone, and a container state step (table lookup versus
 * XState's pure `transition`). Run with `npm run bench:pods` (it needs `--expose-gc`).
 */
import { createActor, initialTransition, transition } from "xstate";
import type { Pod } from "../api/types.ts";
import { EventLoop } from "../clock/EventLoop.ts";
import { clusterWithWorkers } from "../cluster/ClusterSpec.ts";
import { SimulatedCluster } from "../cluster/SimulatedCluster.ts";
import { podMachine } from "../kubelet/podMachine.ts";
import { containerMachine, nextContainerState } from "../kubelet/runtime/containerMachine.ts";

const gc = (globalThis as { gc?: () => void }).gc;
function heap(): number {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed;
}

function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

function clusterCost(nodes: number, pods: number): void {
  const cluster = SimulatedCluster.create(
    { ...clusterWithWorkers(nodes), explainScheduling: false },
    { record: false },
  );
  const podsType = cluster.kinds.forResourceName("pods");
  if (!podsType) throw new Error("no pods resource");
  cluster.loop.advance(20_000);
  const start = cluster.loop.now();
  const before = heap();
  const started = performance.now();
  for (let i = 0; i < pods; i++) {
    const pod: Pod = {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: `web-${i}`, namespace: "default" },
      spec: { containers: [{ name: "web", image: "nginx:1.27" }] },
    };
    cluster.apiserver.create("bench", podsType, "default", pod);
  }
  const running = () =>
    cluster.apiserver
      .list<Pod>("bench", podsType, "default", { resourceVersion: "0" })
      .items.filter((p) => p.status?.phase === "Running").length === pods;
  let bound = 0;
  while (!running() && cluster.loop.now() - start < 30 * 60_000) {
    cluster.loop.advance(1000);
    if (!bound && [...cluster.kubelets.values()].reduce((n, k) => n + k.workers.size, 0) === pods)
      bound = cluster.loop.now() - start;
  }
  const elapsed = performance.now() - started;
  const after = heap();
  // Let a minute of steady state pass (heartbeats, no pod changes) to see what idle pods cost.
  const steadyStart = performance.now();
  cluster.loop.advance(60_000);
  const steady = performance.now() - steadyStart;
  console.log(
    `${pods} nginx pods on ${nodes} nodes: bound after ${(bound / 1000).toFixed(0)} s and Running after ${((cluster.loop.now() - 60_000 - start) / 1000).toFixed(0)} s of cluster time, ` +
      `${elapsed.toFixed(0)} ms wall (${((elapsed / pods) * 1000).toFixed(0)} µs per pod), ` +
      `heap ${kib((after - before) / pods)} per pod (apiserver, etcd history, events, kubelet); ` +
      `an idle minute costs ${steady.toFixed(0)} ms`,
  );
}

function actorCost(count: number): void {
  const loop = new EventLoop(0);
  const before = heap();
  const actors = [];
  for (let i = 0; i < count; i++) {
    const actor = createActor(podMachine, { clock: loop });
    actor.start();
    actors.push(actor);
  }
  const after = heap();
  const steps = 200_000;
  const started = performance.now();
  for (let i = 0; i < steps; i++) {
    const actor = actors[i % count];
    actor?.send({ type: "SYNC_DONE", failed: false });
    actor?.send({ type: "SYNC" });
  }
  const perStep = ((performance.now() - started) * 1000) / (steps * 2);
  console.log(`pod worker actor: ${kib((after - before) / count)} each, ${perStep.toFixed(1)} µs per event`);
}

function containerStepCost(): void {
  const steps = 1_000_000;
  let started = performance.now();
  for (let i = 0; i < steps; i++) {
    let s = nextContainerState("created", { type: "START" });
    s = nextContainerState(s, { type: "STOP" });
    nextContainerState(s, { type: "EXIT" });
  }
  const table = ((performance.now() - started) * 1000) / (steps * 3);
  const pure = 100_000;
  started = performance.now();
  for (let i = 0; i < pure; i++) {
    let [snapshot] = initialTransition(containerMachine);
    [snapshot] = transition(containerMachine, snapshot, { type: "START" });
    [snapshot] = transition(containerMachine, snapshot, { type: "STOP" });
    transition(containerMachine, snapshot, { type: "EXIT" });
  }
  const xstate = ((performance.now() - started) * 1000) / (pure * 3);
  console.log(
    `container state step: ${(table * 1000).toFixed(0)} ns by table lookup (a string per container), ` +
      `${xstate.toFixed(1)} µs with XState's pure transition (a snapshot object per container)`,
  );
}

if (!gc) console.log("(run with --expose-gc for steadier heap figures)");
const only = process.argv[2];
if (!only || only === "cluster") clusterCost(10, 1000);
if (!only || only === "actor") actorCost(10_000);
if (!only || only === "container") containerStepCost();
