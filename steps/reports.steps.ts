import { rmSync } from "node:fs";
import { After, type DataTable, Given, Then, When } from "@cucumber/cucumber";
import { CucumberReports } from "../src/reporting/CucumberReports.ts";
import type { KubespecWorld } from "../src/world/KubespecWorld.ts";
import { type KubespecResult, newProjectWithKubespec, runKubespec } from "../src/world/kubespecProcess.ts";
import { expectReportAttachment, expectTestCases, junitFailure } from "../src/world/reports.ts";

const runs = new WeakMap<KubespecWorld, KubespecResult>();
const projects = new WeakMap<KubespecWorld, string>();
/** Temporary directories (reports, projects) a scenario made, removed when it ends. */
const temporary = new WeakMap<KubespecWorld, string[]>();

function keep(world: KubespecWorld, directory: string | undefined): void {
  if (directory) temporary.set(world, [...(temporary.get(world) ?? []), directory]);
}

After(function (this: KubespecWorld) {
  for (const directory of temporary.get(this) ?? []) rmSync(directory, { recursive: true, force: true });
  temporary.delete(this);
});

function reports(world: KubespecWorld): CucumberReports {
  const run = runs.get(world);
  if (!run?.reportsDirectory) throw new Error('no kubespec run yet: use When I run kubespec with "run …"');
  return CucumberReports.read(run.reportsDirectory);
}

/** A new, empty project directory with kubespec installed in its node_modules; kubespec then runs there. */
Given("a new project with kubespec installed", function (this: KubespecWorld) {
  const project = newProjectWithKubespec();
  projects.set(this, project);
  keep(this, project);
});

/** Run a `kubespec` command line (leading NAME=value sets the environment) in a child process, in the new project if there is one. */
When("I run kubespec with {string}", function (this: KubespecWorld, commandLine: string) {
  const result = runKubespec(commandLine, projects.get(this));
  runs.set(this, result);
  keep(this, result.reportsDirectory);
  this.lastCommand = result;
  this.attach(
    `$ ${result.command}\n${result.stdout}${result.stderr}(exit code ${result.exitCode})\n`,
    "text/plain",
  );
});

/** The last kubespec command's exit code. */
Then("kubespec exits with code {int}", function (this: KubespecWorld, code: number) {
  const run = runs.get(this);
  if (run?.exitCode !== code)
    throw new Error(`kubespec exited with code ${run?.exitCode}, not ${code}\n${run?.stdout}${run?.stderr}`);
});

/** The JUnit report has exactly these testcases (`name`, `status`: passed, failed or skipped). */
Then("the JUnit report has these testcases:", function (this: KubespecWorld, table: DataTable) {
  expectTestCases(reports(this).testCases(), table.hashes() as { name: string; status: string }[]);
});

/** The `message` attribute of the scenario's JUnit `<failure>` contains the doc string. */
Then(
  "the JUnit failure message of {string} contains:",
  function (this: KubespecWorld, name: string, text: string) {
    const failure = junitFailure(reports(this).testCases(), name);
    if (!failure.message.includes(text))
      throw new Error(
        `the failure message of "${name}" does not contain:\n${text}\n\nmessage:\n${failure.message}`,
      );
  },
);

/** The details (stack trace text) of the scenario's JUnit `<failure>` contain the doc string. */
Then(
  "the JUnit failure details of {string} contain:",
  function (this: KubespecWorld, name: string, text: string) {
    const failure = junitFailure(reports(this).testCases(), name);
    if (!failure.details.includes(text))
      throw new Error(
        `the failure details of "${name}" do not contain:\n${text}\n\ndetails:\n${failure.details}`,
      );
  },
);

/** The messages report has an attachment with that file name in that scenario, containing the doc string. */
Then(
  "the report attaches {string} to {string}, containing:",
  function (this: KubespecWorld, fileName: string, scenario: string, text: string) {
    expectReportAttachment(reports(this).attachments(), fileName, scenario, text);
  },
);

/** The HTML report embeds the text (the report shows it when the scenario is opened). */
Then("the HTML report contains {string}", function (this: KubespecWorld, text: string) {
  const html = reports(this).html();
  if (!html.includes(JSON.stringify(text).slice(1, -1)))
    throw new Error(`the HTML report does not contain "${text}"`);
});
