import assert from "node:assert/strict";
import { test } from "node:test";
import type { ConversationMessage } from "../cluster/Conversation.ts";
import { componentOf, toSequenceDiagram } from "./sequenceDiagram.ts";

const m = (from: string, to: string, text: string, kind: ConversationMessage["kind"], code?: number) =>
  (code === undefined
    ? { time: 0, from, to, text, kind }
    : { time: 0, from, to, text, kind, code }) as ConversationMessage;

const creation: ConversationMessage[] = [
  m("kubectl", "kube-apiserver", "create pods/default/nginx", "request", 201),
  m("kube-apiserver", "etcd", "put /registry/pods/default/nginx (rev 2)", "storage"),
  m("kube-apiserver", "replicaset-controller", "ADDED pods/default/nginx", "watch"),
  m("kube-apiserver", "generic-garbage-collector", "ADDED pods/default/nginx", "watch"),
  m("kube-apiserver", "kube-scheduler", "ADDED pods/default/nginx", "watch"),
  m("kube-scheduler", "kube-apiserver", "create pods/default/nginx/binding", "request", 201),
  m("kube-apiserver", "etcd", "put /registry/pods/default/nginx (rev 3)", "storage"),
  m("kube-apiserver", "kubelet (node-1)", "ADDED pods/default/nginx", "watch"),
  m("kubelet (node-1)", "kube-apiserver", "patch pods/default/nginx/status", "request", 200),
  m("kube-apiserver", "etcd", "put /registry/pods/default/nginx (rev 4)", "storage"),
];

test("controllers speak for kube-controller-manager", () => {
  assert.equal(componentOf("replicaset-controller"), "kube-controller-manager");
  assert.equal(componentOf("generic-garbage-collector"), "kube-controller-manager");
  assert.equal(componentOf("kubelet (node-1)"), "kubelet (node-1)");
});

test("participants come in control-plane order and fan-outs fold into one arrow", () => {
  const text = toSequenceDiagram(creation);
  const participants = [...text.matchAll(/participant P\d as (.+)/g)].map((x) => x[1]);
  assert.deepEqual(participants, [
    "kubectl",
    "kube-apiserver",
    "etcd",
    "kube-scheduler",
    "kube-controller-manager",
    "kubelet (node-1)",
  ]);
  assert.match(text, /P1-->>P4: ADDED pods\/default\/nginx \(2 watchers\)/);
  assert.doesNotMatch(text, /Note over/);
});

test("a change fanned out queue by queue still folds per component and notification", () => {
  const text = toSequenceDiagram([
    m("kube-apiserver", "replicaset-controller", "ADDED pods/default/a", "watch"),
    m("kube-apiserver", "replicaset-controller", "ADDED pods/default/b", "watch"),
    m("kube-apiserver", "job-controller", "ADDED pods/default/a", "watch"),
    m("kube-apiserver", "job-controller", "ADDED pods/default/b", "watch"),
    m("kubectl", "kube-apiserver", "get pods/default/a", "request", 200),
    m("kube-apiserver", "job-controller", "ADDED pods/default/a", "watch"),
  ]);
  assert.match(
    text,
    /ADDED pods\/default\/a \(2 watchers\)\n.*ADDED pods\/default\/b \(2 watchers\)\n.*get pods\/default\/a\n.*ADDED pods\/default\/a\n$/,
  );
});

test("the six steps of pod creation are marked in order, each before the arrow that carries it", () => {
  const text = toSequenceDiagram(creation, { podCreationSteps: true });
  const notes = [...text.matchAll(/Note over \S+: (\d)\./g)].map((x) => x[1]);
  assert.deepEqual(notes, ["1", "2", "3", "4", "5", "6"]);
  assert.match(
    text,
    /Note over P1,P2: 4\. the binding.*\n {2}P1->>P2: put \/registry\/pods\/default\/nginx \(rev 3\)/,
  );
  assert.match(text, /Note over P1,P2: 6\. .*\n {2}P1->>P2: put \/registry\/pods\/default\/nginx \(rev 4\)/);
});

test("no step is marked when the pod never got past the scheduler", () => {
  const text = toSequenceDiagram(creation.slice(0, 5), { podCreationSteps: true });
  assert.deepEqual(
    [...text.matchAll(/Note over \S+: (\d)\./g)].map((x) => x[1]),
    ["1", "2", "3"],
  );
});

test("failed requests are crossed arrows with their code; long conversations are cut with a note", () => {
  const failed = toSequenceDiagram([m("kubectl", "kube-apiserver", "get pods/default/x", "request", 404)]);
  assert.match(failed, /P0-xP1: get pods\/default\/x → 404/);
  const many = Array.from({ length: 5 }, (_, i) =>
    m("kubectl", "kube-apiserver", `get pods/default/p${i}`, "request", 200),
  );
  assert.match(toSequenceDiagram(many, { maxArrows: 2 }), /Note over P0: … 3 more messages/);
  assert.match(toSequenceDiagram([m("a;b", "kube-apiserver", "x#1", "request")]), /as a#59;b[\s\S]*x#35;1/);
});
