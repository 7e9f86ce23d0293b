import { dirname, resolve } from "node:path";
import { After, Before, Status } from "@cucumber/cucumber";
import type { KubespecWorld } from "./KubespecWorld.ts";

Before(function (this: KubespecWorld, { pickle }) {
  this.featureDirectory = dirname(resolve(pickle.uri));
});

After(async function (this: KubespecWorld, { result }) {
  if (result?.status === Status.FAILED) {
    this.attach(`kubespec ${this.replayHint()}`, "text/plain");
  }
  await this.cluster?.dispose();
  this.cluster = undefined;
});
