import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const KUBESPEC_ROOT = resolve(fileURLToPath(import.meta.url), "../../..");

/**
 * The Cucumber configuration `kubespec init` writes: kubespec's World and steps from the installed
 * package (plus the project's own `features/**\/*.steps.ts`), and the three reports CI servers read.
 */
export const PROJECT_CUCUMBER_CONFIG = `// Cucumber configuration for kubespec specs (written by \`kubespec init\`).
// \`npx kubespec run\` uses it too; it writes the reports into --reports-dir (default reports/).
export default {
  import: [
    "node_modules/kubespec/src/world/tsx.mjs",
    "node_modules/kubespec/src/world/support.ts",
    "node_modules/kubespec/steps/**/*.steps.ts",
    "features/**/*.steps.ts",
  ],
  format: [
    "progress",
    "html:reports/cucumber.html",
    "junit:reports/junit.xml",
    "message:reports/messages.ndjson",
  ],
  strict: true,
};
`;

/** What `kubespec init` did with one file. */
export interface ScaffoldedFile {
  path: string;
  action: "created" | "kept";
}

/**
 * Scaffold kubespec specs in a project: `features/example.feature` (the first-pod example, which
 * runs green) and `cucumber.js`. Existing files are kept as they are.
 *
 * @example
 * ```ts
 * initProject(process.cwd()); // [{ path: "features/example.feature", action: "created" }, …]
 * ```
 */
export function initProject(directory: string): ScaffoldedFile[] {
  const files: [string, string][] = [
    [
      "features/example.feature",
      readFileSync(join(KUBESPEC_ROOT, "features/examples/first-pod.feature"), "utf8"),
    ],
    ["cucumber.js", PROJECT_CUCUMBER_CONFIG],
  ];
  return files.map(([path, content]) => {
    const target = join(directory, path);
    if (existsSync(target)) return { path, action: "kept" };
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
    return { path, action: "created" };
  });
}
