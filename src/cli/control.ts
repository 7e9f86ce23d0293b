import { CONTROL_PREFIX } from "../server/ControlApi.ts";
import { resolveKubeconfigPath, serverFromKubeconfig } from "../server/kubeconfig.ts";

/** The answer of the control endpoint, or the Status message of its failure. */
async function call(kubeconfig: string | undefined, method: string, path: string, body?: object) {
  const server = serverFromKubeconfig(resolveKubeconfigPath(kubeconfig));
  let response: Response;
  try {
    response = await fetch(`${server}${CONTROL_PREFIX}${path}`, {
      method,
      headers: { "Content-Type": "application/json" },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
  } catch {
    throw new Error(`cannot reach the kubespec server at ${server}: is "kubespec serve" running?`);
  }
  const payload = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok) {
    const reason = payload.message ?? `the server answered ${response.status}`;
    if (response.status === 404 && payload.reason !== "NotFound")
      throw new Error(`${server} is not a kubespec server with a control endpoint`);
    throw new Error(String(reason));
  }
  return payload;
}

/**
 * `kubespec clock now|advance DURATION` and `kubespec node fail|recover NAME`, against the server
 * a kubeconfig points at. Returns the line to print.
 *
 * @example
 * ```ts
 * await controlCommand(["clock", "advance", "5m"], undefined); // "2025-03-01T09:05:00Z (advanced 5m0s)"
 * ```
 */
export async function controlCommand(
  args: readonly string[],
  kubeconfig: string | undefined,
): Promise<string> {
  const [topic, action, argument] = args;
  if (topic === "clock" && action === "now") {
    const result = await call(kubeconfig, "GET", "/clock");
    return String(result.now);
  }
  if (topic === "clock" && action === "advance") {
    if (!argument) throw new Error("say how long, e.g. kubespec clock advance 5m");
    const result = await call(kubeconfig, "POST", "/clock/advance", { duration: argument });
    return `${result.now} (advanced ${result.advanced})`;
  }
  if (topic === "node" && (action === "fail" || action === "recover")) {
    if (!argument) throw new Error(`name the node, e.g. kubespec node ${action} node-1`);
    await call(kubeconfig, "POST", `/nodes/${encodeURIComponent(argument)}/${action}`);
    return `node/${argument} ${action === "fail" ? "failed" : "recovered"}`;
  }
  throw new Error(`unknown command: kubespec ${args.join(" ")}`);
}
