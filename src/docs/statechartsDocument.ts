import { writeFileSync } from "node:fs";
import { COMPONENT_MACHINES } from "./componentMachines.ts";
import { toMermaid } from "./statechartDiagram.ts";

/**
 * docs/statecharts.md: a Mermaid diagram of every component machine, generated from the machines.
 *
 * @example
 * ```ts
 * renderStatechartsDocument().includes("```mermaid"); // true
 * ```
 */
export function renderStatechartsDocument(): string {
  let out =
    "# Statecharts\n\nGenerated from the XState machines by `npm run docs:statecharts`; do not edit by hand.\n";
  for (const { name, description, machine } of COMPONENT_MACHINES) {
    out += `\n## ${name}\n\n${description}\n\n\`\`\`mermaid\n${toMermaid(machine)}\`\`\`\n`;
  }
  return out;
}

if (process.argv.includes("--write")) {
  writeFileSync("docs/statecharts.md", renderStatechartsDocument());
  process.stdout.write("wrote docs/statecharts.md\n");
}
