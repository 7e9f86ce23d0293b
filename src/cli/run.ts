import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { type IConfiguration, loadConfiguration, runCucumber } from "@cucumber/cucumber/api";
import { type Envelope, TimeConversion } from "@cucumber/messages";

/** Options of `kubespec run`. */
export interface RunOptions {
  paths: string[];
  tags?: string;
  seed?: number;
  parallel?: number;
  /** Cucumber formatters for the console or extra files (default: `summary`). */
  formats?: string[];
  /** Where the HTML/JUnit/messages reports go. */
  reportsDirectory?: string;
  /** Directory of the project whose features run (default: the current directory). */
  cwd?: string;
  /** Where the console formatters write (default: process.stdout). */
  stdout?: Writable;
  /** Called as each scenario finishes (for progress output on long runs). */
  onScenarioFinished?: (progress: ScenarioProgress) => void;
}

/** One finished scenario, for progress output. */
export interface ScenarioProgress {
  /** 1-based position among the finished scenarios. */
  index: number;
  total: number;
  status: string;
  name: string;
  /** `features/x.feature:12`. */
  location: string;
  /** Wall-clock milliseconds the scenario took. */
  millis: number;
}

/** Tally of a run, for the summary line. */
export interface RunSummary {
  success: boolean;
  scenarios: Record<string, number>;
  htmlReport: string;
}

/** kubespec's own root (this file is src/cli/run.ts). */
const KUBESPEC_ROOT = resolve(fileURLToPath(import.meta.url), "../../..");

/**
 * What Cucumber loads when the project has no configuration file of its own: kubespec's TypeScript
 * support, World, hooks and steps, from wherever kubespec is installed.
 */
export const KUBESPEC_SUPPORT: readonly string[] = [
  join(KUBESPEC_ROOT, "src/world/tsx.mjs"),
  join(KUBESPEC_ROOT, "src/world/support.ts"),
  join(KUBESPEC_ROOT, "steps/**/*.steps.ts"),
];

const CONFIG_FILES = [
  "cucumber.js",
  "cucumber.cjs",
  "cucumber.mjs",
  "cucumber.json",
  "cucumber.yaml",
  "cucumber.yml",
];

/**
 * The project's Cucumber configuration (its support files, world parameters, options), or
 * kubespec's own support files when it has none. Its formatters are left out: `kubespec run` writes
 * the reports into `--reports-dir` itself.
 */
async function projectConfiguration(cwd: string): Promise<Partial<IConfiguration>> {
  const file = CONFIG_FILES.find((name) => existsSync(join(cwd, name)));
  if (!file) return { import: [...KUBESPEC_SUPPORT], strict: true };
  const { useConfiguration } = await loadConfiguration({ file }, { cwd });
  const { format: _format, ...rest } = useConfiguration;
  return rest;
}

function scenarioStatus(worst: string | undefined): string {
  return (worst ?? "PASSED").toLowerCase();
}

/**
 * Run feature files with Cucumber on kubespec's World and steps (or the project's own Cucumber
 * configuration, when it has one), writing the HTML, JUnit and message reports; resolves with what
 * happened.
 *
 * @example
 * ```ts
 * const summary = await runFeatures({ paths: ["features/examples"] });
 * ```
 */
export async function runFeatures(options: RunOptions): Promise<RunSummary> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const reports = resolve(cwd, options.reportsDirectory ?? "reports");
  const htmlReport = join(reports, "cucumber.html");
  const project = await projectConfiguration(cwd);
  const worldParameters = {
    ...(project.worldParameters ?? {}),
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
  };
  const { runConfiguration } = await loadConfiguration(
    {
      file: false,
      provided: {
        ...project,
        ...(options.paths.length > 0 ? { paths: options.paths } : {}),
        ...(options.tags
          ? { tags: project.tags ? `(${project.tags}) and (${options.tags})` : options.tags }
          : {}),
        ...(options.parallel ? { parallel: options.parallel } : {}),
        worldParameters,
        format: [
          ...(options.formats ?? ["summary"]),
          `html:${htmlReport}`,
          `junit:${join(reports, "junit.xml")}`,
          `message:${join(reports, "messages.ndjson")}`,
        ],
      },
    },
    { cwd },
  );
  const scenarios: Record<string, number> = {};
  const pickles = new Map<string, { name: string; location: string }>();
  const testCases = new Map<string, string>();
  const started = new Map<string, { testCaseId: string; at: number; worst?: string }>();
  let total = 0;
  let finished = 0;
  const onMessage = (envelope: Envelope) => {
    if (envelope.pickle) {
      const line = envelope.pickle.location?.line;
      pickles.set(envelope.pickle.id, {
        name: envelope.pickle.name,
        location: line ? `${envelope.pickle.uri}:${line}` : envelope.pickle.uri,
      });
    }
    if (envelope.testCase) {
      testCases.set(envelope.testCase.id, envelope.testCase.pickleId);
      total++;
    }
    if (envelope.testCaseStarted) {
      const { id, testCaseId, timestamp } = envelope.testCaseStarted;
      started.set(id, { testCaseId, at: TimeConversion.timestampToMillisecondsSinceEpoch(timestamp) });
    }
    if (envelope.testStepFinished) {
      const { testCaseStartedId, testStepResult } = envelope.testStepFinished;
      const attempt = started.get(testCaseStartedId);
      if (attempt && (!attempt.worst || attempt.worst === "PASSED" || testStepResult.status === "FAILED"))
        attempt.worst = testStepResult.status;
    }
    if (envelope.testCaseFinished && !envelope.testCaseFinished.willBeRetried) {
      const { testCaseStartedId, timestamp } = envelope.testCaseFinished;
      const attempt = started.get(testCaseStartedId);
      const status = scenarioStatus(attempt?.worst);
      scenarios[status] = (scenarios[status] ?? 0) + 1;
      const pickle = pickles.get(testCases.get(attempt?.testCaseId ?? "") ?? "");
      options.onScenarioFinished?.({
        index: ++finished,
        total,
        status,
        name: pickle?.name ?? "",
        location: pickle?.location ?? "",
        millis: TimeConversion.timestampToMillisecondsSinceEpoch(timestamp) - (attempt?.at ?? 0),
      });
    }
  };
  const { success } = await runCucumber(
    runConfiguration,
    { cwd, ...(options.stdout ? { stdout: options.stdout } : {}) },
    onMessage,
  );
  return { success, scenarios, htmlReport };
}
