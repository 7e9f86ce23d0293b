import { dirname, resolve } from "node:path";
import { After, Before, BeforeStep, setDefinitionFunctionWrapper } from "@cucumber/cucumber";
import type { GherkinDocument, Pickle } from "@cucumber/messages";
import { diagnoseFailure } from "./FailureDiagnostics.ts";
import { KubespecWorld } from "./KubespecWorld.ts";

/** The line of the scenario (or of its Examples row) a pickle came from, as `file:line` selects it. */
function scenarioLine(document: GherkinDocument, pickle: Pickle): number | undefined {
  const ids = new Set(pickle.astNodeIds);
  let line: number | undefined;
  const visit = (children: readonly { scenario?: unknown; rule?: unknown }[]) => {
    for (const child of children as {
      scenario?: {
        id: string;
        location: { line: number };
        examples: { tableBody: { id: string; location: { line: number } }[] }[];
      };
      rule?: { children: readonly { scenario?: unknown }[] };
    }[]) {
      if (child.rule) visit(child.rule.children);
      const scenario = child.scenario;
      if (!scenario || !ids.has(scenario.id)) continue;
      line = scenario.location.line;
      for (const row of scenario.examples.flatMap((e) => e.tableBody))
        if (ids.has(row.id)) line = row.location.line;
    }
  };
  visit(document.feature?.children ?? []);
  return line;
}

Before(function (this: KubespecWorld, { pickle, gherkinDocument }) {
  this.featureDirectory = dirname(resolve(pickle.uri));
  const line = scenarioLine(gherkinDocument, pickle);
  this.location = line === undefined ? pickle.uri : `${pickle.uri}:${line}`;
});

BeforeStep(function (this: KubespecWorld, { pickleStep }) {
  this.currentStep = pickleStep.text;
});

After(async function (this: KubespecWorld) {
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
