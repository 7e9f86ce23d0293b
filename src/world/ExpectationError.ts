import { createTwoFilesPatch } from "diff";

/**
 * An assertion that compared an expected text with an actual one and found them different. Its
 * message carries a unified diff (`-` expected, `+` actual), and the failure report shows the same
 * diff as an attachment.
 *
 * @example
 * ```ts
 * throw new ExpectationError("the output differs", "pod/nginx created\n", result.stdout);
 * ```
 */
export class ExpectationError extends Error {
  /** Tells assertion-error-formatter (Cucumber's error printer) not to add a second diff. */
  readonly showDiff = false;
  readonly expected: string;
  readonly actual: string;
  /** Text shown after the diff (e.g. the command that ran and its stderr). */
  readonly detail: string;

  constructor(summary: string, expected: string, actual: string, detail = "") {
    super(`${summary}:\n${unifiedDiff(expected, actual)}${detail ? `\n${detail}` : ""}`);
    this.name = "ExpectationError";
    this.expected = expected;
    this.actual = actual;
    this.detail = detail;
  }

  /** The unified diff of expected and actual. */
  diff(): string {
    return unifiedDiff(this.expected, this.actual);
  }
}

/**
 * A unified diff, `--- expected` / `+++ actual`, with three lines of context.
 *
 * @example
 * ```ts
 * unifiedDiff("a\nb\n", "a\nc\n"); // "--- expected\n+++ actual\n@@ -1,2 +1,2 @@\n a\n-b\n+c\n"
 * ```
 */
export function unifiedDiff(expected: string, actual: string): string {
  const terminated = (text: string) => (text.endsWith("\n") || text === "" ? text : `${text}\n`);
  const patch = createTwoFilesPatch("expected", "actual", terminated(expected), terminated(actual), "", "", {
    context: 3,
  });
  // Drop the "Index:"/"===" preamble createTwoFilesPatch writes; keep ---/+++ and the hunks.
  return patch
    .split("\n")
    .filter((line) => !line.startsWith("Index:") && !/^=+$/.test(line))
    .map((line) => line.replace(/^(---|\+\+\+) (expected|actual)\t$/, "$1 $2"))
    .join("\n")
    .replace(/\n+$/, "\n");
}
