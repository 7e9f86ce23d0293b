import { readFileSync, writeFileSync } from "node:fs";
import { parse, stringify } from "yaml";

/** The context, cluster and user name kubespec writes into kubeconfigs. */
export const KUBECONFIG_NAME = "kubespec";

/** Default kubeconfig path of `kubespec serve` (relative to the working directory). */
export const DEFAULT_KUBECONFIG = "kubespec.kubeconfig";

/**
 * A kubeconfig (clientcmd v1 Config) pointing at a served simulated cluster over plain HTTP on
 * 127.0.0.1; no credentials are needed.
 *
 * @example
 * ```ts
 * kubeconfigFor("http://127.0.0.1:41823").clusters[0].cluster.server; // "http://127.0.0.1:41823"
 * ```
 */
export function kubeconfigFor(server: string, namespace = "default") {
  return {
    apiVersion: "v1",
    kind: "Config",
    // Plain HTTP on 127.0.0.1; client libraries that insist on TLS settings accept it with this flag.
    clusters: [{ name: KUBECONFIG_NAME, cluster: { server, "insecure-skip-tls-verify": true } }],
    contexts: [
      { name: KUBECONFIG_NAME, context: { cluster: KUBECONFIG_NAME, user: KUBECONFIG_NAME, namespace } },
    ],
    "current-context": KUBECONFIG_NAME,
    users: [{ name: KUBECONFIG_NAME, user: {} }],
    preferences: {},
  };
}

/** Write a kubeconfig for `server` to `path`. */
export function writeKubeconfig(path: string, server: string): void {
  writeFileSync(path, stringify(kubeconfigFor(server)), { mode: 0o600 });
}

/**
 * The server URL of a kubeconfig's current context; throws a readable error when the file is
 * missing or names no server.
 */
export function serverFromKubeconfig(path: string): string {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    throw new Error(`no kubeconfig at ${path}: start a cluster with "kubespec serve" or pass --kubeconfig`);
  }
  const config = parse(text) as {
    "current-context"?: string;
    contexts?: { name: string; context?: { cluster?: string } }[];
    clusters?: { name: string; cluster?: { server?: string } }[];
  } | null;
  const contextName = config?.["current-context"];
  const context = config?.contexts?.find((c) => c.name === contextName);
  const cluster = config?.clusters?.find((c) => c.name === context?.context?.cluster);
  const server = cluster?.cluster?.server;
  if (!server) throw new Error(`the kubeconfig ${path} names no server for its current context`);
  return server;
}

/** Where `kubespec clock|node` look for the kubeconfig: --kubeconfig, then $KUBECONFIG, then ./kubespec.kubeconfig. */
export function resolveKubeconfigPath(
  option: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): string {
  if (option) return option;
  const fromEnv = env.KUBECONFIG?.split(":").find((p) => p.length > 0);
  return fromEnv ?? DEFAULT_KUBECONFIG;
}
