import { resolve } from "node:path";
import { loadConfiguration, runCucumber } from "@cucumber/cucumber/api";
import type { Envelope } from "@cucumber/messages";
import projectConfiguration from "../../cucumber.js";

/** Options of `kubespec run`. */
export interface RunOptions {
  paths: string[];
  tags?: string;
  seed?: number;
  parallel?: number;
  formats?: string[];
  /** Where the HTML/JUnit/messages reports go. */
  reportsDirectory?: string;
}

/** Tally of a run, for the summary line. */
export interface RunSummary {
  success: boolean;
  scenarios: Record<string, number>;
  htmlReport: string;
}

/**
 * Run feature files with Cucumber on kubespec's World and steps, writing the HTML, JUnit and
 * message reports; resolves with what happened.
 *
 * @example
 * ```ts
 * const summary = await runFeatures({ paths: ["features/examples"] });
 * ```
 */
export async function runFeatures(options: RunOptions): Promise<RunSummary> {
  const reports = options.reportsDirectory ?? "reports";
  const htmlReport = resolve(reports, "cucumber.html");
  const { runConfiguration } = await loadConfiguration({
    file: false,
    provided: {
      import: projectConfiguration.import,
      strict: projectConfiguration.strict,
      ...(options.paths.length > 0 ? { paths: options.paths } : {}),
      ...(options.tags ? { tags: options.tags } : {}),
      ...(options.parallel ? { parallel: options.parallel } : {}),
      ...(options.seed !== undefined ? { worldParameters: { seed: options.seed } } : {}),
      format: [
        ...(options.formats ?? ["progress"]),
        `html:${htmlReport}`,
        `junit:${resolve(reports, "junit.xml")}`,
        `message:${resolve(reports, "messages.ndjson")}`,
      ],
    },
  });
  const scenarios: Record<string, number> = {};
  const attempts = new Map<string, string>();
  const onMessage = (envelope: Envelope) => {
    if (envelope.testStepFinished) {
      const { testCaseStartedId, testStepResult } = envelope.testStepFinished;
      const worst = attempts.get(testCaseStartedId) ?? "PASSED";
      if (worst === "PASSED" || testStepResult.status === "FAILED")
        attempts.set(testCaseStartedId, testStepResult.status);
    }
    if (envelope.testCaseFinished && !envelope.testCaseFinished.willBeRetried) {
      const status = (attempts.get(envelope.testCaseFinished.testCaseStartedId) ?? "PASSED").toLowerCase();
      scenarios[status] = (scenarios[status] ?? 0) + 1;
    }
  };
  const { success } = await runCucumber(runConfiguration, undefined, onMessage);
  return { success, scenarios, htmlReport };
}
