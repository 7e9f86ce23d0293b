import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Envelope } from "@cucumber/messages";
import { XMLParser } from "fast-xml-parser";

/** One `<testcase>` of a JUnit XML report. */
export interface JUnitTestCase {
  classname: string;
  name: string;
  /** The `<failure>` element, when the scenario failed. */
  failure?: { type?: string; message: string; details: string };
  skipped: boolean;
}

/** One attachment from the Cucumber messages report, with the scenario it belongs to. */
export interface ReportAttachment {
  scenario: string;
  mediaType: string;
  fileName?: string;
  body: string;
}

interface XmlTestCase {
  "@_classname": string;
  "@_name": string;
  failure?: { "@_type"?: string; "@_message"?: string; __cdata?: string } | string;
  skipped?: unknown;
}

/**
 * The reports a kubespec run wrote (`junit.xml`, `messages.ndjson`, `cucumber.html`), read back
 * for scenarios about the reports themselves.
 *
 * @example
 * ```ts
 * const reports = CucumberReports.read("reports");
 * reports.testCases().filter((t) => t.failure).map((t) => t.name);
 * ```
 */
export class CucumberReports {
  readonly directory: string;

  private constructor(directory: string) {
    this.directory = directory;
  }

  /** The reports in `directory`. */
  static read(directory: string): CucumberReports {
    return new CucumberReports(directory);
  }

  #text(file: string): string {
    try {
      return readFileSync(join(this.directory, file), "utf8");
    } catch {
      throw new Error(`the run wrote no ${file} in ${this.directory}`);
    }
  }

  /** The JUnit XML report's test cases, in report order. */
  testCases(): JUnitTestCase[] {
    const parser = new XMLParser({
      ignoreAttributes: false,
      htmlEntities: true,
      cdataPropName: "__cdata",
      isArray: (name) => name === "testcase",
    });
    const document = parser.parse(this.#text("junit.xml")) as { testsuite?: { testcase?: XmlTestCase[] } };
    if (!document.testsuite) throw new Error("junit.xml has no <testsuite> element");
    return (document.testsuite.testcase ?? []).map((t) => {
      const failure = typeof t.failure === "string" ? { __cdata: t.failure } : t.failure;
      return {
        classname: t["@_classname"],
        name: t["@_name"],
        skipped: t.skipped !== undefined,
        ...(failure
          ? {
              failure: {
                ...(failure["@_type"] ? { type: failure["@_type"] } : {}),
                message: failure["@_message"] ?? "",
                details: failure.__cdata ?? "",
              },
            }
          : {}),
      };
    });
  }

  /** The Cucumber messages (one envelope per line of `messages.ndjson`). */
  messages(): Envelope[] {
    return this.#text("messages.ndjson")
      .split("\n")
      .filter((line) => line.trim() !== "")
      .map((line) => JSON.parse(line) as Envelope);
  }

  /** Every attachment in the messages report, with its scenario's name. */
  attachments(): ReportAttachment[] {
    const pickles = new Map<string, string>();
    const testCases = new Map<string, string>();
    const started = new Map<string, string>();
    const attachments: ReportAttachment[] = [];
    for (const envelope of this.messages()) {
      if (envelope.pickle) pickles.set(envelope.pickle.id, envelope.pickle.name);
      if (envelope.testCase) testCases.set(envelope.testCase.id, envelope.testCase.pickleId);
      if (envelope.testCaseStarted)
        started.set(envelope.testCaseStarted.id, envelope.testCaseStarted.testCaseId);
      const attachment = envelope.attachment;
      if (attachment) {
        const testCase = started.get(attachment.testCaseStartedId ?? "");
        const body =
          attachment.contentEncoding === "BASE64"
            ? Buffer.from(attachment.body, "base64").toString("utf8")
            : attachment.body;
        attachments.push({
          scenario: pickles.get(testCases.get(testCase ?? "") ?? "") ?? "",
          mediaType: attachment.mediaType,
          ...(attachment.fileName ? { fileName: attachment.fileName } : {}),
          body,
        });
      }
    }
    return attachments;
  }

  /** The HTML report, as written. */
  html(): string {
    return this.#text("cucumber.html");
  }
}
