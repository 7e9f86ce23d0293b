import { defineAssertion } from "../src/world/assertions.ts";
import type { KubespecWorld } from "../src/world/KubespecWorld.ts";
import { expectPodCount, expectPodNode, expectPodStatus } from "../src/world/pods.ts";

defineAssertion(
  "pod {string} is {string}",
  async function (this: KubespecWorld, name: string, status: string) {
    await expectPodStatus(this, name, status);
  },
);

defineAssertion(
  "pod {string} runs on node {string}",
  async function (this: KubespecWorld, name: string, node: string) {
    await expectPodNode(this, name, node);
  },
);

defineAssertion(
  "{int} pod(s) matching {string} is/are {string}",
  async function (this: KubespecWorld, count: number, selector: string, status: string) {
    await expectPodCount(this, count, selector, status);
  },
);
