import { readFileSync } from "node:fs";
import type * as messages from "@cucumber/messages";
import { STATECHART_VISITS_MEDIA_TYPE, type VisitedStatecharts } from "../cluster/StatechartVisits.ts";
import type { ConversationAttachment } from "../world/conversation.ts";
import { CONVERSATION_MEDIA_TYPE } from "../world/conversation.ts";

/** One step of a scenario as it ran. */
export interface StepResult {
  keyword: string;
  text: string;
  /** A doc string or data table given to the step, as text. */
  argument?: string | undefined;
  status: string;
  error?: string | undefined;
  /** Text the step attached (kubectl commands and their output). */
  outputs: string[];
}

/** One scenario (one pickle) as it ran. */
export interface ScenarioResult {
  name: string;
  /** The line of the scenario, or of its examples row for a Scenario Outline. */
  line: number;
  /** The line of the `Scenario:` (or `Scenario Outline:`) keyword. */
  definedAt: number;
  tags: string[];
  status: string;
  steps: StepResult[];
  /** The control-plane conversation attached to the scenario (see src/world/reportHooks.ts). */
  conversation?: ConversationAttachment | undefined;
  /** The statechart states and transitions the scenario visited. */
  statechartVisits?: VisitedStatecharts | undefined;
}

/** One feature file and the results of its scenarios. */
export interface FeatureResult {
  uri: string;
  name: string;
  description: string;
  scenarios: ScenarioResult[];
}

const WORST = ["FAILED", "AMBIGUOUS", "UNDEFINED", "PENDING", "SKIPPED", "UNKNOWN", "PASSED"];

function worst(statuses: string[]): string {
  for (const s of WORST) if (statuses.includes(s)) return s;
  return "UNKNOWN";
}

function argumentText(step: messages.PickleStep): string | undefined {
  const arg = step.argument;
  if (arg?.docString) return arg.docString.content;
  if (arg?.dataTable)
    return arg.dataTable.rows.map((r) => `| ${r.cells.map((c) => c.value).join(" | ")} |`).join("\n");
  return undefined;
}

/**
 * Read a Cucumber messages NDJSON report (`reports/messages.ndjson`) into features, scenarios and
 * steps with their statuses, the text they attached and each scenario's recorded conversation.
 * A scenario that ran more than once (retries) keeps its last attempt.
 *
 * @example
 * ```ts
 * const features = readRunResults("reports/messages.ndjson");
 * features[0].scenarios[0].status; // "PASSED"
 * ```
 */
export function readRunResults(path: string): FeatureResult[] {
  return parseRunResults(readFileSync(path, "utf8"));
}

/** {@link readRunResults} on the NDJSON text itself. */
export function parseRunResults(ndjson: string): FeatureResult[] {
  const documents: messages.GherkinDocument[] = [];
  const pickles = new Map<string, messages.Pickle>();
  const testCases = new Map<string, messages.TestCase>();
  const started = new Map<string, string>(); // testCaseStartedId → testCaseId
  const lastAttempt = new Map<string, string>(); // testCaseId → testCaseStartedId
  const stepResults = new Map<string, messages.TestStepResult>(); // `${startedId}/${stepId}`
  const attachments = new Map<string, messages.Attachment[]>(); // startedId → attachments
  for (const line of ndjson.split("\n")) {
    if (!line.trim()) continue;
    const envelope = JSON.parse(line) as messages.Envelope;
    if (envelope.gherkinDocument) documents.push(envelope.gherkinDocument);
    else if (envelope.pickle) pickles.set(envelope.pickle.id, envelope.pickle);
    else if (envelope.testCase) testCases.set(envelope.testCase.id, envelope.testCase);
    else if (envelope.testCaseStarted) {
      started.set(envelope.testCaseStarted.id, envelope.testCaseStarted.testCaseId);
      lastAttempt.set(envelope.testCaseStarted.testCaseId, envelope.testCaseStarted.id);
    } else if (envelope.testStepFinished) {
      const f = envelope.testStepFinished;
      stepResults.set(`${f.testCaseStartedId}/${f.testStepId}`, f.testStepResult);
    } else if (envelope.attachment?.testCaseStartedId) {
      const a = envelope.attachment;
      const list = attachments.get(a.testCaseStartedId ?? "") ?? [];
      list.push(a);
      attachments.set(a.testCaseStartedId ?? "", list);
    }
  }
  const byPickle = new Map([...testCases.values()].map((tc) => [tc.pickleId, tc]));
  return documents
    .filter((d) => d.feature && d.uri)
    .map((doc) => {
      const feature = doc.feature as messages.Feature;
      const scenarios: ScenarioResult[] = [];
      for (const pickle of [...pickles.values()].filter((p) => p.uri === doc.uri)) {
        const testCase = byPickle.get(pickle.id);
        const startedId = testCase ? lastAttempt.get(testCase.id) : undefined;
        scenarios.push(scenarioResult(doc, pickle, testCase, startedId, stepResults, attachments));
      }
      scenarios.sort((a, b) => a.line - b.line);
      return { uri: doc.uri ?? "", name: feature.name, description: feature.description.trim(), scenarios };
    });
}

/** The line of a pickle's scenario (or examples row) and of its `Scenario` keyword. */
function scenarioLines(doc: messages.GherkinDocument, astNodeIds: readonly string[]): [number, number] {
  const ids = new Set(astNodeIds);
  let line = 0;
  let definedAt = 0;
  const visit = (children: readonly (messages.FeatureChild | messages.RuleChild)[]) => {
    for (const child of children) {
      if ("rule" in child && child.rule) visit(child.rule.children);
      const s = child.scenario;
      if (!s || !ids.has(s.id)) continue;
      line = s.location.line;
      definedAt = s.location.line;
      for (const ex of s.examples) {
        for (const row of ex.tableBody) if (ids.has(row.id)) line = row.location.line;
      }
    }
  };
  visit(doc.feature?.children ?? []);
  return [line, definedAt];
}

function scenarioResult(
  doc: messages.GherkinDocument,
  pickle: messages.Pickle,
  testCase: messages.TestCase | undefined,
  startedId: string | undefined,
  stepResults: Map<string, messages.TestStepResult>,
  attachments: Map<string, messages.Attachment[]>,
): ScenarioResult {
  const mine = (startedId && attachments.get(startedId)) || [];
  const keywords = new Map<string, string>();
  const collect = (children: readonly (messages.FeatureChild | messages.RuleChild)[]) => {
    for (const child of children) {
      if ("rule" in child && child.rule) collect(child.rule.children);
      for (const step of child.background?.steps ?? []) keywords.set(step.id, step.keyword);
      for (const step of child.scenario?.steps ?? []) keywords.set(step.id, step.keyword);
    }
  };
  collect(doc.feature?.children ?? []);
  const steps: StepResult[] = pickle.steps.map((ps) => {
    const testStep = testCase?.testSteps.find((ts) => ts.pickleStepId === ps.id);
    const result = testStep && startedId ? stepResults.get(`${startedId}/${testStep.id}`) : undefined;
    const outputs = mine
      .filter((a) => a.testStepId === testStep?.id && a.mediaType === "text/plain")
      .map((a) => (a.contentEncoding === "BASE64" ? Buffer.from(a.body, "base64").toString("utf8") : a.body));
    return {
      keyword: keywords.get(ps.astNodeIds[0] ?? "") ?? "* ",
      text: ps.text,
      argument: argumentText(ps),
      status: result?.status ?? "UNKNOWN",
      error: result?.message,
      outputs,
    };
  });
  // Hooks count too: a failing After hook fails the scenario.
  const hookStatuses = (testCase?.testSteps ?? [])
    .filter((ts) => ts.hookId)
    .map((ts) => (startedId ? stepResults.get(`${startedId}/${ts.id}`)?.status : undefined) ?? "UNKNOWN");
  const [line, definedAt] = scenarioLines(doc, pickle.astNodeIds);
  const conversationAttachment = mine.find((a) => a.mediaType === CONVERSATION_MEDIA_TYPE);
  const visitsAttachment = mine.find((a) => a.mediaType === STATECHART_VISITS_MEDIA_TYPE);
  return {
    name: pickle.name,
    line,
    definedAt,
    tags: pickle.tags.map((t) => t.name),
    status: startedId ? worst([...steps.map((s) => s.status), ...hookStatuses]) : "UNKNOWN",
    steps,
    conversation: conversationAttachment
      ? (JSON.parse(conversationAttachment.body) as ConversationAttachment)
      : undefined,
    statechartVisits: visitsAttachment
      ? (JSON.parse(visitsAttachment.body) as VisitedStatecharts)
      : undefined,
  };
}
