import { defineAssertion } from "../src/world/assertions.ts";
import type { KubespecWorld } from "../src/world/KubespecWorld.ts";
import { expectPodCount, expectPodNode, expectPodReady, expectPodStatus } from "../src/world/pods.ts";

/** The pod's STATUS column, as `kubectl get pods` shows it (`Running`, `Pending`, `ContainerCreating`, …); `ns/name` for other namespaces. */
defineAssertion(
  "pod {string} is {string}",
  async function (this: KubespecWorld, name: string, status: string) {
    await expectPodStatus(this, name, status);
  },
);

/** The pod is bound to that node (`spec.nodeName`). */
defineAssertion(
  "pod {string} runs on node {string}",
  async function (this: KubespecWorld, name: string, node: string) {
    await expectPodNode(this, name, node);
  },
);

/** Exactly that many of the pods the label selector matches (in any namespace; "" matches all) show that STATUS. */
defineAssertion(
  "{int} pod(s) matching {string} is/are {string}",
  async function (this: KubespecWorld, count: number, selector: string, status: string) {
    await expectPodCount(this, count, selector, status);
  },
);

/** The pod's Ready condition is True (every container ready, readiness gates passed). */
defineAssertion("pod {string} is ready", async function (this: KubespecWorld, name: string) {
  await expectPodReady(this, name, true);
});

/** The pod's Ready condition is not True. */
defineAssertion("pod {string} is not ready", async function (this: KubespecWorld, name: string) {
  await expectPodReady(this, name, false);
});
