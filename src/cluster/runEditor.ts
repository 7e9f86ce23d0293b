import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * Run an editor command on a temporary file, as kubectl edit's LaunchTempFile does: the file is
 * `kubectl-edit-*.yaml`, the editor gets its absolute path as the last argument (quoted inside the
 * command when it runs through a shell). The editor runs to completion without a terminal, so it
 * must be a command that edits in place (`sed -i ...`). Throws if the editor fails. The file stays
 * (kubectl keeps it when the edit fails) until {@link removeEditedFile}.
 *
 * @example
 * ```ts
 * runEditor(["sed", "-i", "s/nginx/httpd/"], "image: nginx\n").content; // "image: httpd\n"
 * ```
 */
export function runEditor(editor: readonly string[], content: string): { content: string; path: string } {
  const dir = mkdtempSync(join(tmpdir(), "kubespec-edit-"));
  const path = join(dir, "kubectl-edit-1.yaml");
  writeFileSync(path, content);
  const [command = "", ...args] = editor;
  const shell = command === "/bin/bash" && args[0] === "-c";
  const argv = shell ? ["-c", `${args[1] ?? ""} ${JSON.stringify(path)}`] : [...args, path];
  execFileSync(command, argv, { stdio: ["ignore", "ignore", "pipe"], timeout: 10_000 });
  return { content: readFileSync(path, "utf8"), path };
}

/** Remove a file {@link runEditor} made (and its directory). */
export function removeEditedFile(path: string): void {
  rmSync(join(path, ".."), { recursive: true, force: true });
}
