import assert from "node:assert/strict";
import { test } from "node:test";
import type { ConversationMessage } from "../cluster/Conversation.ts";
import { scenarioMessages } from "./conversation.ts";

const m = (
  from: string,
  to: string,
  text: string,
  kind: ConversationMessage["kind"],
): ConversationMessage => ({
  time: 0,
  from,
  to,
  text,
  kind,
});

test("a scenario's conversation starts at the first client request, without events and lease renewals", () => {
  const all = [
    m("kube-apiserver", "kube-apiserver", "create namespaces/default", "request"),
    m("kubelet (node-1)", "kube-apiserver", "create nodes/node-1", "request"),
    m("kubectl", "kube-apiserver", "create pods/default/nginx", "request"),
    m("kube-apiserver", "etcd", "put /registry/pods/default/nginx (rev 9)", "storage"),
    m("kubelet (node-1)", "kube-apiserver", "create events/default/nginx.1", "request"),
    m("kube-apiserver", "etcd", "put /registry/events/default/nginx.1 (rev 10)", "storage"),
    m(
      "kubelet (node-1)",
      "kube-apiserver",
      "update leases.coordination.k8s.io/kube-node-lease/node-1",
      "request",
    ),
    m(
      "kube-apiserver",
      "etcd",
      "put /registry/coordination.k8s.io/leases/kube-node-lease/node-1 (rev 11)",
      "storage",
    ),
    m("kube-apiserver", "kube-scheduler", "ADDED pods/default/nginx", "watch"),
  ];
  assert.deepEqual(
    scenarioMessages(all, 10).map((x) => x.text),
    ["create pods/default/nginx", "put /registry/pods/default/nginx (rev 9)", "ADDED pods/default/nginx"],
  );
  assert.equal(scenarioMessages(all, 1).length, 1);
  assert.equal(
    scenarioMessages(all.slice(0, 2), 10).length,
    2,
    "without a client request everything is kept",
  );
});
