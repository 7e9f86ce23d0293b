import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parse as parseYaml } from "yaml";
import { ZodError } from "zod";
import { type ClusterSpec, clusterSpecSchema, clusterWithWorkers } from "../cluster/ClusterSpec.ts";
import { SimulatedCluster } from "../cluster/SimulatedCluster.ts";
import { ApiHttpServer, type TimeMode } from "../server/ApiHttpServer.ts";
import { KUBERNETES_VERSION } from "../server/discovery.ts";
import { DEFAULT_KUBECONFIG, writeKubeconfig } from "../server/kubeconfig.ts";
import { WallClockDriver } from "../server/WallClockDriver.ts";

/** Options of `kubespec serve`. */
export interface ServeOptions {
  nodes?: number;
  /** A cluster spec file (YAML or JSON, validated with ClusterSpec). */
  clusterFile?: string;
  seed?: number;
  time?: TimeMode;
  speed?: number;
  port?: number;
  kubeconfig?: string;
}

/** A running `kubespec serve`. */
export interface ServedCluster {
  url: string;
  kubeconfig: string;
  server: ApiHttpServer;
  close(): Promise<void>;
}

/** Read and validate a cluster spec file; errors name the file and the offending fields. */
export function readClusterFile(path: string): ClusterSpec {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    throw new Error(`cannot read the cluster file ${path}`);
  }
  let value: unknown;
  try {
    value = parseYaml(text);
  } catch (error) {
    throw new Error(`${path} is not valid YAML: ${(error as Error).message.split("\n")[0]}`);
  }
  try {
    return clusterSpecSchema.parse(value);
  } catch (error) {
    if (error instanceof ZodError) {
      const problems = error.issues.map((i) => `${i.path.join(".") || "(top level)"}: ${i.message}`);
      throw new Error(`${path} is not a valid cluster spec:\n  ${problems.join("\n  ")}`);
    }
    throw error;
  }
}

/**
 * Start a simulated cluster behind the Kubernetes REST API on 127.0.0.1 and write a kubeconfig
 * for it.
 *
 * @example
 * ```ts
 * const served = await serveCluster({ nodes: 3, time: "manual", kubeconfig: "/tmp/k" });
 * // KUBECONFIG=/tmp/k kubectl get nodes
 * await served.close();
 * ```
 */
export async function serveCluster(options: ServeOptions): Promise<ServedCluster> {
  if (options.nodes !== undefined && options.clusterFile !== undefined)
    throw new Error("use either --nodes or --cluster, not both");
  const nodes = options.nodes ?? 3;
  if (!Number.isInteger(nodes) || nodes < 1) throw new Error(`--nodes must be a positive whole number`);
  const spec = options.clusterFile ? readClusterFile(options.clusterFile) : clusterWithWorkers(nodes);
  const time = options.time ?? "manual";
  if (time !== "manual" && time !== "real")
    throw new Error(`--time must be "real" or "manual", not "${time}"`);
  const cluster = SimulatedCluster.create(
    { ...spec, ...(options.seed !== undefined ? { seed: options.seed } : {}) },
    {
      record: false,
    },
  );
  const server = new ApiHttpServer(cluster, { time });
  const driver =
    time === "real" ? new WallClockDriver(cluster.loop, { speed: options.speed ?? 1 }) : undefined;
  if (time === "manual" && options.speed !== undefined && options.speed !== 1)
    throw new Error("--speed applies to --time real only");
  const url = await server.listen(options.port ?? 0);
  const kubeconfig = resolve(options.kubeconfig ?? DEFAULT_KUBECONFIG);
  writeKubeconfig(kubeconfig, url);
  driver?.start();
  return {
    url,
    kubeconfig,
    server,
    async close() {
      driver?.stop();
      await server.close();
      await cluster.dispose();
    },
  };
}

/** What `kubespec serve` prints once the cluster is up. */
export function usageBanner(served: ServedCluster, options: ServeOptions): string {
  const cluster = served.server.cluster;
  const time = options.time ?? "manual";
  const clock =
    time === "manual"
      ? `manual (advance it with: kubespec clock advance 5m --kubeconfig ${served.kubeconfig})`
      : `real${options.speed && options.speed !== 1 ? ` × ${options.speed}` : ""}`;
  return [
    `kubespec: a simulated Kubernetes ${KUBERNETES_VERSION} cluster is serving at ${served.url}`,
    `  nodes: ${cluster.spec.nodes.map((n) => n.name).join(", ")}`,
    `  seed:  ${cluster.seed}`,
    `  time:  ${clock}`,
    `  kubeconfig: ${served.kubeconfig}`,
    "",
    "Use it with:",
    `  export KUBECONFIG=${served.kubeconfig}`,
    "  kubectl get nodes",
    "  kubespec node fail node-1     # and: kubespec node recover node-1",
    "",
    "Press Ctrl+C to stop.",
    "",
  ].join("\n");
}
