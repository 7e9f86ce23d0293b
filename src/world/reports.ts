import type { JUnitTestCase, ReportAttachment } from "../reporting/CucumberReports.ts";

function statusOf(testCase: JUnitTestCase): string {
  return testCase.failure ? "failed" : testCase.skipped ? "skipped" : "passed";
}

/**
 * The JUnit report has exactly these test cases, in this order, with these statuses.
 *
 * @example
 * ```ts
 * expectTestCases(reports.testCases(), [{ name: "A passing scenario", status: "passed" }]);
 * ```
 */
export function expectTestCases(
  actual: readonly JUnitTestCase[],
  expected: readonly { name: string; status: string }[],
): void {
  const shown = (list: readonly { name: string; status: string }[]) =>
    list.map((t) => `${t.status.padEnd(8)} ${t.name}`).join("\n") || "(none)";
  const got = actual.map((t) => ({ name: t.name, status: statusOf(t) }));
  if (shown(got) !== shown(expected))
    throw new Error(`the JUnit report has these testcases:\n${shown(got)}\n\nexpected:\n${shown(expected)}`);
}

/**
 * The `<failure>` of the named test case, or a clear error.
 *
 * @example
 * ```ts
 * junitFailure(reports.testCases(), "A deployment whose pods fit no node").message;
 * ```
 */
export function junitFailure(
  testCases: readonly JUnitTestCase[],
  name: string,
): NonNullable<JUnitTestCase["failure"]> {
  const testCase = testCases.find((t) => t.name === name);
  if (!testCase)
    throw new Error(
      `the JUnit report has no testcase "${name}" (it has: ${testCases.map((t) => t.name).join(", ")})`,
    );
  if (!testCase.failure) throw new Error(`the JUnit testcase "${name}" has no <failure>`);
  return testCase.failure;
}

/**
 * An attachment named `fileName` in `scenario` contains `text`.
 *
 * @example
 * ```ts
 * expectReportAttachment(reports.attachments(), "objects.yaml", "A failing scenario", "kind: Pod");
 * ```
 */
export function expectReportAttachment(
  attachments: readonly ReportAttachment[],
  fileName: string,
  scenario: string,
  text: string,
): void {
  const found = attachments.filter((a) => a.scenario === scenario && a.fileName === fileName);
  if (found.length === 0) {
    const names = attachments.filter((a) => a.scenario === scenario).map((a) => a.fileName ?? a.mediaType);
    throw new Error(
      `scenario "${scenario}" has no attachment "${fileName}" (it has: ${names.join(", ") || "none"})`,
    );
  }
  if (!found.some((a) => a.body.includes(text)))
    throw new Error(
      `attachment "${fileName}" of "${scenario}" does not contain:\n${text}\n\nit is:\n${found[0]?.body}`,
    );
}
