import { dirname, resolve } from "node:path";
import { After, Before, Status } from "@cucumber/cucumber";
import type { KubespecWorld } from "./KubespecWorld.ts";

Before(function (this: KubespecWorld, { pickle }) {
  this.featureDirectory = dirname(resolve(pickle.uri));
});

After(async function (this: KubespecWorld, { result }) {
  if (result?.status === Status.FAILED) {
    this.attach(`kubespec ${this.replayHint()}`, "text/plain");
    for (const [pod, text] of this.schedulingExplanations)
      this.attach(`Why pod "${pod}" was placed as it was:\n${text}`, "text/plain");
  }
  await this.cluster?.dispose();
  this.cluster = undefined;
});
