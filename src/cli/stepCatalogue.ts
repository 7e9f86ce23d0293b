import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { CucumberExpression } from "@cucumber/cucumber-expressions";
import { DURATION_PATTERN, parameterTypes } from "../world/parameterTypes.ts";

/** One documented step definition. */
export interface StepDoc {
  keyword: "Given" | "When" | "Then";
  /** The pattern as users read it (`@step` tag for regular expressions). */
  pattern: string;
  description: string;
  /** Source of the definition, `steps/x.steps.ts:12`. */
  definedAt: string;
  /** Defined with defineAssertion: can be wrapped in `within …,` / `for …,`. */
  wrappable: boolean;
  /** First use in a feature: the step text and where. */
  example?: { text: string; at: string };
}

const REGISTRATION =
  /\/\*\*([\s\S]*?)\*\/\s*(Given|When|Then|defineAssertion)\(\s*(?:"((?:[^"\\]|\\.)*)"|new RegExp\()/g;
const UNDOCUMENTED = /^(?!\s*\*)\s*(Given|When|Then|defineAssertion)\(/gm;

function listFiles(dir: string, suffix: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(suffix))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/** Read the step definitions and their TSDoc from `steps/`. */
export function readStepDocs(root: string): StepDoc[] {
  const docs: StepDoc[] = [];
  for (const file of listFiles(join(root, "steps"), ".steps.ts")) {
    const source = readFileSync(file, "utf8");
    const documented = new Set<number>();
    for (const m of source.matchAll(REGISTRATION)) {
      const comment = (m[1] as string)
        .split("\n")
        .map((l) => l.replace(/^\s*\*\s?/, "").trim())
        .filter((l) => l.length > 0);
      const tag = comment.find((l) => l.startsWith("@step "));
      const description = comment.filter((l) => !l.startsWith("@")).join(" ");
      const call = (m.index ?? 0) + m[0].lastIndexOf(m[2] as string);
      documented.add(call);
      const pattern = tag ? tag.slice("@step ".length) : JSON.parse(`"${m[3] ?? ""}"`);
      docs.push({
        keyword: m[2] === "defineAssertion" ? "Then" : (m[2] as StepDoc["keyword"]),
        wrappable: m[2] === "defineAssertion",
        pattern,
        description,
        definedAt: `${relative(root, file)}:${source.slice(0, call).split("\n").length}`,
      });
    }
    for (const m of source.matchAll(UNDOCUMENTED)) {
      const call = (m.index ?? 0) + m[0].indexOf(m[1] as string);
      if (!documented.has(call)) {
        throw new Error(
          `${relative(root, file)}:${source.slice(0, call).split("\n").length}: step definition without a /** description */`,
        );
      }
    }
  }
  return docs;
}

/** Step lines of every feature file, with their location. */
function featureSteps(root: string): { text: string; at: string }[] {
  const steps: { text: string; at: string }[] = [];
  for (const file of listFiles(join(root, "features"), ".feature")) {
    readFileSync(file, "utf8")
      .split("\n")
      .forEach((line, i) => {
        const m = /^\s*(Given|When|Then|And|But) (.+)$/.exec(line);
        if (!m || /<\w+>/.test(m[2] as string)) return;
        const text = (m[2] as string).trim();
        const at = `${relative(root, file)}:${i + 1}`;
        steps.push({ text, at });
        // The assertion inside `within …, <assertion>` and `for …, <assertion>` is a use too.
        const wrapped = new RegExp(`^(?:within|for) (?:${DURATION_PATTERN}), (.+)$`).exec(text);
        if (wrapped) steps.push({ text: wrapped[1] as string, at });
      });
  }
  return steps;
}

function matcher(pattern: string): (text: string) => boolean {
  if (pattern.includes("<assertion>")) {
    const [head] = pattern.split("<assertion>");
    const prefix = new CucumberExpression((head as string).replace(/, $/, ""), parameterTypes);
    const needsColon = pattern.endsWith(":");
    return (text) => {
      const comma = text.indexOf(", ");
      if (comma < 0 || !prefix.match(text.slice(0, comma))) return false;
      return text.endsWith(":") === needsColon;
    };
  }
  const expression = new CucumberExpression(pattern, parameterTypes);
  return (text) => expression.match(text) !== null;
}

/** Attach the first example of each step from the features. */
export function withExamples(root: string, docs: StepDoc[]): StepDoc[] {
  const steps = featureSteps(root);
  return docs.map((doc) => {
    const matches = matcher(doc.pattern);
    const example = steps.find((s) => matches(s.text));
    return example ? { ...doc, example } : doc;
  });
}

/**
 * docs/steps.md: every step with what it means and an example from the features.
 *
 * @example
 * ```ts
 * writeFileSync("docs/steps.md", renderStepCatalogue(withExamples(".", readStepDocs("."))));
 * ```
 */
export function renderStepCatalogue(docs: readonly StepDoc[]): string {
  const sections = new Map<string, StepDoc[]>();
  for (const doc of docs) {
    const file = doc.definedAt.split(":")[0] as string;
    const list = sections.get(file) ?? [];
    list.push(doc);
    sections.set(file, list);
  }
  let out =
    "# Step catalogue\n\nGenerated from the step definitions by `npm run docs:steps`; do not edit by hand.\n";
  out +=
    "Assertions marked *(wrappable)* can be wrapped: `Then within 6 minutes, <assertion>` waits for one to ";
  out +=
    "hold, `Then for 5 minutes, <assertion>` requires it to hold throughout; both advance cluster time.\n";
  for (const [file, list] of sections) {
    const title = (file.split("/").pop() as string).replace(".steps.ts", "");
    out += `\n## ${title[0]?.toUpperCase()}${title.slice(1)} (\`${file}\`)\n`;
    for (const doc of list) {
      out += `\n### \`${doc.keyword} ${doc.pattern}\`${doc.wrappable ? " *(wrappable)*" : ""}\n\n${doc.description}\n`;
      if (doc.example)
        out += `\nExample (\`${doc.example.at}\`):\n\n\`\`\`gherkin\n${doc.keyword} ${doc.example.text}\n\`\`\`\n`;
    }
  }
  return out;
}

/** Generate the catalogue for the project at `root`. */
export function buildStepCatalogue(root: string): string {
  return renderStepCatalogue(withExamples(root, readStepDocs(root)));
}

if (process.argv.includes("--write")) {
  writeFileSync("docs/steps.md", buildStepCatalogue(process.cwd()));
  process.stdout.write("wrote docs/steps.md\n");
}
