import { When } from "@cucumber/cucumber";
import { defineAssertion } from "../src/world/assertions.ts";
import type { KubespecWorld } from "../src/world/KubespecWorld.ts";
import {
  expectNodeGone,
  expectNodeStatus,
  expectNodeTaint,
  expectPodsOnNode,
  expectPodsReady,
} from "../src/world/nodes.ts";

/** The node's machine fails: its kubelet and containers stop and it sends no more heartbeats. */
When("node {string} fails", async function (this: KubespecWorld, name: string) {
  await this.requireCluster().nodeOperation("fail", name);
});

/** The node is cut off from the control plane: its containers keep running, nothing reaches the apiserver. */
When(
  "node {string} is partitioned from the control plane",
  async function (this: KubespecWorld, name: string) {
    await this.requireCluster().nodeOperation("partition", name);
  },
);

/** A failed node boots again, or a partitioned one reconnects. */
When("node {string} recovers", async function (this: KubespecWorld, name: string) {
  await this.requireCluster().nodeOperation("recover", name);
});

/** The node is shut down and its Node object deleted. */
When("node {string} is removed from the cluster", async function (this: KubespecWorld, name: string) {
  await this.requireCluster().nodeOperation("remove", name);
});

/** A new worker (4 CPU, 8Gi, 110 pods) registers with the cluster. */
When("a new node {string} joins the cluster", async function (this: KubespecWorld, name: string) {
  await this.requireCluster().nodeOperation("join", name);
});

/** The kubelet process on the node restarts; its containers keep running. */
When("the kubelet on node {string} restarts", async function (this: KubespecWorld, name: string) {
  await this.requireCluster().nodeOperation("restartKubelet", name);
});

/** A control-plane component (`etcd`, `kube-apiserver`, `kube-scheduler`, `kube-controller-manager`) stops: its static pod manifest is moved out of the control-plane node's manifest directory. */
When("{string} stops", async function (this: KubespecWorld, component: string) {
  await this.requireCluster().controlPlaneComponent(component, "stop");
});

/** A stopped control-plane component starts again (its manifest is moved back). */
When("{string} starts", async function (this: KubespecWorld, component: string) {
  await this.requireCluster().controlPlaneComponent(component, "start");
});

/** The node's STATUS column as `kubectl get nodes` shows it (`Ready`, `NotReady`, `Ready,SchedulingDisabled`). */
defineAssertion(
  "node {string} is {string}",
  async function (this: KubespecWorld, name: string, status: string) {
    await expectNodeStatus(this, name, status);
  },
);

/** The node carries the taint, written as kubectl prints it (`key=value:Effect` or `key:Effect`). */
defineAssertion(
  "node {string} has the taint {string}",
  async function (this: KubespecWorld, name: string, taint: string) {
    await expectNodeTaint(this, name, taint, true);
  },
);

/** The node does not carry the taint. */
defineAssertion(
  "node {string} has no taint {string}",
  async function (this: KubespecWorld, name: string, taint: string) {
    await expectNodeTaint(this, name, taint, false);
  },
);

/** The Node object is gone. */
defineAssertion("node {string} no longer exists", async function (this: KubespecWorld, name: string) {
  await expectNodeGone(this, name);
});

/** Exactly that many pods matching the selector and bound to the node show that STATUS. */
defineAssertion(
  "{int} pod(s) matching {string} on node {string} is/are {string}",
  async function (this: KubespecWorld, count: number, selector: string, node: string, status: string) {
    await expectPodsOnNode(this, count, selector, node, status);
  },
);

/** Exactly that many pods matching the selector have condition Ready=True. */
defineAssertion(
  "{int} pod(s) matching {string} is/are ready",
  async function (this: KubespecWorld, count: number, selector: string) {
    await expectPodsReady(this, count, selector, true);
  },
);

/** Exactly that many pods matching the selector have condition Ready other than True. */
defineAssertion(
  "{int} pod(s) matching {string} is/are not ready",
  async function (this: KubespecWorld, count: number, selector: string) {
    await expectPodsReady(this, count, selector, false);
  },
);
