import { dirname, resolve } from "node:path";
import { After, Before, BeforeStep, Status, setDefinitionFunctionWrapper } from "@cucumber/cucumber";
import { diagnoseFailure } from "./FailureDiagnostics.ts";
import { KubespecWorld } from "./KubespecWorld.ts";

Before(function (this: KubespecWorld, { pickle }) {
  this.featureDirectory = dirname(resolve(pickle.uri));
  // The scenario's line (an outline's Examples row), as `cucumber-js file:line` selects it.
  const line = pickle.location?.line;
  this.location = line === undefined ? pickle.uri : `${pickle.uri}:${line}`;
});

BeforeStep(function (this: KubespecWorld, { pickleStep }) {
  this.currentStep = pickleStep.text;
});

After(async function (this: KubespecWorld, { result }) {
  if (result?.status === Status.FAILED) {
    for (const [pod, text] of this.schedulingExplanations)
      this.attach(`Why pod "${pod}" was placed as it was:\n${text}`, "text/plain");
  }
  await this.cluster?.dispose();
  this.cluster = undefined;
});

/**
 * Every step and hook runs inside this wrapper: when one throws, its error gets the failure
 * diagnosis appended (so the console, JUnit and HTML reports all carry it) and each part of the
 * diagnosis is attached to the report, beside the failed step.
 */
setDefinitionFunctionWrapper(
  (code: (...args: unknown[]) => unknown) =>
    async function (this: unknown, ...args: unknown[]) {
      try {
        return await code.apply(this, args);
      } catch (thrown) {
        if (!(this instanceof KubespecWorld)) throw thrown;
        const error = thrown instanceof Error ? thrown : new Error(String(thrown));
        const diagnosis = diagnoseFailure({
          error,
          stepText: this.currentStep,
          lastCommand: this.lastCommand?.command,
          cluster: this.cluster,
          seed: this.seed,
          location: this.location,
          clusterStartedAt: this.clusterStartedAt,
        });
        for (const section of diagnosis.sections) {
          if (section.fileName)
            this.attach(section.body, { mediaType: section.mediaType, fileName: section.fileName });
        }
        error.message = `${error.message}\n\n${diagnosis.text}`;
        throw error;
      }
    },
);
