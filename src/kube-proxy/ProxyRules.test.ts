import assert from "node:assert/strict";
import { test } from "node:test";
import type { EndpointSlice, Service } from "../api/types.ts";
import { type PacketContext, ProxyRules, saveRule } from "./ProxyRules.ts";

const node = { name: "node-1", clusterCIDR: "10.244.0.0/16" };

function service(spec: NonNullable<Service["spec"]>, name = "web"): Service {
  return { apiVersion: "v1", kind: "Service", metadata: { name, namespace: "default" }, spec };
}

function slice(
  endpoints: { ip: string; node: string; ready?: boolean; terminating?: boolean }[],
  name = "web",
): EndpointSlice {
  return {
    apiVersion: "discovery.k8s.io/v1",
    kind: "EndpointSlice",
    addressType: "IPv4",
    metadata: { name: `${name}-abcde`, namespace: "default", labels: { "kubernetes.io/service-name": name } },
    ports: [{ name: "", port: 80, protocol: "TCP" }],
    endpoints: endpoints.map((e) => ({
      addresses: [e.ip],
      nodeName: e.node,
      conditions: { ready: e.ready ?? true, serving: e.ready ?? true, terminating: e.terminating ?? false },
    })),
  };
}

function ctx(values: number[]): PacketContext {
  let i = 0;
  return { now: 0, random: () => values[i++ % values.length] as number, recent: new Map() };
}

const web = service({
  type: "ClusterIP",
  clusterIP: "10.96.0.12",
  ports: [{ port: 80, protocol: "TCP", targetPort: 80 }],
});
const three = slice([
  { ip: "10.244.1.5", node: "node-1" },
  { ip: "10.244.2.5", node: "node-2" },
  { ip: "10.244.2.6", node: "node-2" },
]);
const packet = {
  src: "10.244.1.9",
  dst: "10.96.0.12",
  dport: 80,
  protocol: "TCP",
  srcLocal: false,
  dstLocal: false,
};

test("the cluster IP jumps to KUBE-SVC, which spreads with probabilities 1/(n-i)", () => {
  const rules = ProxyRules.build([web], [three], node);
  const svc = rules.chain("KUBE-SERVICES")[0];
  assert.ok(svc);
  assert.equal(
    saveRule(svc),
    '-A KUBE-SERVICES -d 10.96.0.12/32 -p tcp -m comment --comment "default/web cluster IP" -m tcp --dport 80 -j KUBE-SVC-LOLE4ISW44XBNF3G',
  );
  const restore = rules
    .restoreLines()
    .filter((l) => l.startsWith('-A KUBE-SVC-LOLE4ISW44XBNF3G -m comment --comment "default/web ->'));
  assert.deepEqual(
    restore.map((l) => /--probability (\S+)/.exec(l)?.[1] ?? "last"),
    ["0.3333333333", "0.5000000000", "last"],
  );
  assert.match(rules.iptablesSave(), /--probability 0\.33333333349 /);
  // Random draws pick the first, second and third endpoint.
  const pick = (values: number[]) => {
    const v = rules.route(packet, ctx(values));
    return v.kind === "dnat" ? v.ip : v.kind;
  };
  assert.equal(pick([0.1]), "10.244.1.5");
  assert.equal(pick([0.9, 0.2]), "10.244.2.5");
  assert.equal(pick([0.9, 0.9]), "10.244.2.6");
});

test("no endpoints: REJECT in the filter table; traffic is refused", () => {
  const rules = ProxyRules.build([web], [slice([])], node);
  const verdict = rules.route(packet, ctx([0]));
  assert.equal(verdict.kind, "reject");
  assert.match(
    rules.iptablesSave(),
    /"default\/web has no endpoints" -m tcp --dport 80 -j REJECT --reject-with icmp-port-unreachable/,
  );
});

test("terminating serving endpoints are used only when no endpoint is ready", () => {
  const rules = ProxyRules.build(
    [web],
    [slice([{ ip: "10.244.2.5", node: "node-2", ready: false, terminating: true }])],
    node,
  );
  // serving is false too in this slice (ready false): no fallback.
  assert.equal(rules.route(packet, ctx([0])).kind, "reject");
  const serving: EndpointSlice = slice([{ ip: "10.244.2.5", node: "node-2" }]);
  const ep = serving.endpoints[0];
  if (ep) ep.conditions = { ready: false, serving: true, terminating: true };
  const fallback = ProxyRules.build([web], [serving], node).route(packet, ctx([0]));
  assert.equal(fallback.kind === "dnat" && fallback.ip, "10.244.2.5");
});

test("externalTrafficPolicy Local: node ports answer only with local endpoints and keep the client address", () => {
  const np = service({
    type: "NodePort",
    clusterIP: "10.96.0.12",
    externalTrafficPolicy: "Local",
    ports: [{ port: 80, protocol: "TCP", targetPort: 80, nodePort: 30080 }],
  });
  const outside = {
    src: "203.0.113.200",
    dst: "172.18.0.3",
    dport: 30080,
    protocol: "TCP",
    srcLocal: false,
    dstLocal: true,
  };
  const onNode1 = ProxyRules.build([np], [three], node).route(outside, ctx([0.9, 0.9]));
  assert.equal(onNode1.kind === "dnat" && onNode1.ip, "10.244.1.5");
  assert.equal(onNode1.kind === "dnat" && onNode1.masquerade, false);
  const onNode3 = ProxyRules.build([np], [three], { ...node, name: "node-3" }).route(outside, ctx([0]));
  assert.equal(onNode3.kind, "drop");
});

test("ClientIP affinity sends a client back to the endpoint it got first", () => {
  const sticky = service({
    type: "ClusterIP",
    clusterIP: "10.96.0.12",
    sessionAffinity: "ClientIP",
    sessionAffinityConfig: { clientIP: { timeoutSeconds: 10800 } },
    ports: [{ port: 80, protocol: "TCP", targetPort: 80 }],
  });
  const rules = ProxyRules.build([sticky], [three], node);
  const state = ctx([0.9, 0.9, 0.1, 0.1]);
  const first = rules.route(packet, state);
  const second = rules.route(packet, state);
  assert.equal(first.kind === "dnat" && first.ip, "10.244.2.6");
  assert.equal(second.kind === "dnat" && second.ip, "10.244.2.6");
  assert.match(
    rules.restoreLines().join("\n"),
    /-m recent --name KUBE-SEP-\w+ --rcheck --seconds 10800 --reap/,
  );
});

test("headless and ExternalName services get no rules", () => {
  const headless = service({ clusterIP: "None", ports: [{ port: 80, protocol: "TCP" }] }, "h");
  const external = service({ type: "ExternalName", externalName: "example.com" }, "x");
  const rules = ProxyRules.build([headless, external], [], node);
  assert.deepEqual(
    rules.rules.map((r) => r.chain),
    ["KUBE-SERVICES"],
  );
});
