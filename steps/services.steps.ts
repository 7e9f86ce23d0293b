import { Given, When } from "@cucumber/cucumber";
import { defineAssertion } from "../src/world/assertions.ts";
import type { KubespecWorld } from "../src/world/KubespecWorld.ts";
import {
  expectClientAddress,
  expectNodeRules,
  expectReadyEndpoints,
  expectRequestFailure,
  expectResolution,
  expectResponseFrom,
  expectResponseStatus,
  expectSpread,
  iptablesSave,
  podSource,
  sendRequest,
} from "../src/world/services.ts";

/** cloud-controller-manager runs with a cloud whose load balancers take addresses from the pool (`203.0.113.10-203.0.113.20`). */
Given(
  "the cloud provider assigns load-balancer addresses from {string}",
  async function (this: KubespecWorld, pool: string) {
    const cluster = this.requireCluster();
    if (!cluster.enableCloudLoadBalancers) throw new Error("this cluster has no simulated cloud provider");
    await cluster.enableCloudLoadBalancers(pool);
  },
);

/** An HTTP GET (`http://web`, `http://web.shop:8080/path`) or a TCP connection (`db:5432`) from a pod, resolved with the pod's DNS search path. */
When(
  "pod {string} sends a request to {string}",
  async function (this: KubespecWorld, pod: string, target: string) {
    await sendRequest(this, podSource(pod), target);
  },
);

/** A request from the node itself (its own address as source; no cluster DNS). */
When(
  "node {string} sends a request to {string}",
  async function (this: KubespecWorld, node: string, target: string) {
    await sendRequest(this, { kind: "node", node }, target);
  },
);

/** A request from a client outside the cluster (203.0.113.200) to a node IP and NodePort or a load-balancer IP. */
When(
  "a client outside the cluster sends a request to {string}",
  async function (this: KubespecWorld, target: string) {
    await sendRequest(this, { kind: "outside" }, target);
  },
);

/** A request from the machine running kubectl (where `kubectl port-forward` listens on localhost). */
When("I send a request to {string}", async function (this: KubespecWorld, target: string) {
  await sendRequest(this, { kind: "local" }, target);
});

/** Prints the node's kube-proxy rules as `iptables-save` does, as the last command's output. */
When("I run iptables-save on node {string}", async function (this: KubespecWorld, node: string) {
  const stdout = await iptablesSave(this, node);
  this.lastCommand = { command: "iptables-save", stdout, stderr: "", exitCode: 0 };
  this.attach(`$ iptables-save  # on ${node}\n${stdout}`, "text/plain");
});

/** The last request was answered by a pod the label selector matches. */
defineAssertion(
  "the response comes from a pod matching {string}",
  async function (this: KubespecWorld, selector: string) {
    await expectResponseFrom(this, selector);
  },
);

/** The last request got that HTTP status code. */
defineAssertion("the response status is {int}", function (this: KubespecWorld, status: number) {
  expectResponseStatus(this, status);
});

/** The last request failed: `connection refused`, `timed out`, `NXDOMAIN`, or part of the message. */
defineAssertion("the request fails with {string}", function (this: KubespecWorld, text: string) {
  expectRequestFailure(this, text);
});

/** The server of the last request saw this client address (SNAT or the client's own). */
defineAssertion(
  "the server sees the client address {string}",
  function (this: KubespecWorld, address: string) {
    expectClientAddress(this, address);
  },
);

/** Sends the requests and checks that exactly that many pods answered, each close to an equal share (within 4.5 binomial standard deviations). */
defineAssertion(
  "{int} requests from pod {string} to {string} are spread evenly over {int} pods",
  async function (this: KubespecWorld, count: number, pod: string, target: string, pods: number) {
    await expectSpread(this, count, podSource(pod), target, pods, true);
  },
);

/** Sends the requests and checks that they all reach one pod (session affinity). */
defineAssertion(
  "{int} requests from pod {string} to {string} all reach the same pod",
  async function (this: KubespecWorld, count: number, pod: string, target: string) {
    await expectSpread(this, count, podSource(pod), target, 1, false);
  },
);

/** Every line is a kube-proxy rule on the node (as iptables-save prints it, or as kube-proxy writes it); a line may be part of a rule. */
defineAssertion(
  "node {string} has the iptables rules:",
  async function (this: KubespecWorld, node: string, rules: string) {
    await expectNodeRules(this, node, rules, true);
  },
);

/** No kube-proxy rule on the node contains the text. */
defineAssertion(
  "node {string} has no iptables rule containing {string}",
  async function (this: KubespecWorld, node: string, text: string) {
    await expectNodeRules(this, node, text, false);
  },
);

/** Cluster DNS, seen from the pod (its namespace and search path), answers the service's cluster IP. */
defineAssertion(
  "from pod {string}, the name {string} resolves to the cluster IP of service {string}",
  async function (this: KubespecWorld, pod: string, name: string, service: string) {
    await expectResolution(this, pod, name, { service });
  },
);

/** Cluster DNS answers exactly the IPs of the pods the selector matches (a headless service). */
defineAssertion(
  "from pod {string}, the name {string} resolves to the IPs of the pods matching {string}",
  async function (this: KubespecWorld, pod: string, name: string, selector: string) {
    await expectResolution(this, pod, name, { selector });
  },
);

/** Cluster DNS answers that address (several: comma-separated). */
defineAssertion(
  "from pod {string}, the name {string} resolves to {string}",
  async function (this: KubespecWorld, pod: string, name: string, addresses: string) {
    await expectResolution(this, pod, name, { addresses: addresses.split(/,\s*/) });
  },
);

/** Cluster DNS answers a CNAME (an ExternalName service). */
defineAssertion(
  "from pod {string}, the name {string} is an alias for {string}",
  async function (this: KubespecWorld, pod: string, name: string, alias: string) {
    await expectResolution(this, pod, name, { alias });
  },
);

/** Cluster DNS answers NXDOMAIN (or does not answer). */
defineAssertion(
  "from pod {string}, the name {string} does not resolve",
  async function (this: KubespecWorld, pod: string, name: string) {
    await expectResolution(this, pod, name, { none: true });
  },
);

/** The service's EndpointSlices hold exactly that many ready endpoints. */
defineAssertion(
  "service {string} has {int} ready endpoint(s)",
  async function (this: KubespecWorld, service: string, count: number) {
    await expectReadyEndpoints(this, service, count);
  },
);
