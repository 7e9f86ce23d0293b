import { StatusError } from "../api/StatusError.ts";
import { formatGoDuration, parseDuration } from "../clock/duration.ts";
import type { SimulatedCluster } from "../cluster/SimulatedCluster.ts";

/** The time modes of a served cluster. */
export type ControlTimeMode = "manual" | "real";

/** What the control endpoint answers. */
export interface ControlResponse {
  code: number;
  body: unknown;
}

/** The path prefix of kubespec's own endpoint (not part of the Kubernetes API). */
export const CONTROL_PREFIX = "/kubespec/v1";

function rfc3339(millis: number): string {
  return `${new Date(millis).toISOString().slice(0, 19)}Z`;
}

/**
 * kubespec's control endpoint beside the Kubernetes API: read and advance the virtual clock, and
 * inject node faults. `kubespec clock …` and `kubespec node …` talk to it.
 *
 * - `GET  /kubespec/v1/clock` → `{ now, time }`
 * - `POST /kubespec/v1/clock/advance` with `{ "duration": "5m" }` (manual time only)
 * - `POST /kubespec/v1/nodes/{name}/fail` and `…/recover`
 *
 * @example
 * ```ts
 * new ControlApi(cluster, "manual").handle("POST", "/kubespec/v1/clock/advance", '{"duration":"30s"}');
 * ```
 */
export class ControlApi {
  readonly #cluster: SimulatedCluster;
  readonly #time: ControlTimeMode;

  constructor(cluster: SimulatedCluster, time: ControlTimeMode) {
    this.#cluster = cluster;
    this.#time = time;
  }

  /** Handle one request; failures are Status bodies like the API's. */
  handle(method: string, path: string, body: string): ControlResponse {
    try {
      return { code: 200, body: this.#route(method, path, body) };
    } catch (error) {
      const status =
        error instanceof StatusError
          ? error
          : StatusError.badRequest((error as Error).message ?? String(error));
      return { code: status.code, body: status.status };
    }
  }

  #clock(): object {
    return { now: rfc3339(this.#cluster.now()), time: this.#time };
  }

  #route(method: string, path: string, body: string): object {
    const rest = path.startsWith(CONTROL_PREFIX) ? path.slice(CONTROL_PREFIX.length) : path;
    if (rest === "/clock") {
      if (method !== "GET") throw methodNotAllowed();
      return this.#clock();
    }
    if (rest === "/clock/advance") {
      if (method !== "POST") throw methodNotAllowed();
      if (this.#time !== "manual") {
        throw new StatusError({
          message: "the clock follows wall time (serve with --time manual to advance it by hand)",
          reason: "Conflict",
          code: 409,
        });
      }
      let duration: unknown;
      try {
        duration = (JSON.parse(body || "{}") as { duration?: unknown }).duration;
      } catch {
        throw StatusError.badRequest('the body must be JSON such as {"duration": "5m"}');
      }
      if (typeof duration !== "string")
        throw StatusError.badRequest('duration is required, e.g. {"duration": "5m"}');
      const millis = parseDuration(duration);
      this.#cluster.loop.advance(millis);
      return { ...this.#clock(), advanced: formatGoDuration(millis) };
    }
    const node = /^\/nodes\/([^/]+)\/(fail|recover)$/.exec(rest);
    if (node) {
      if (method !== "POST") throw methodNotAllowed();
      const name = decodeURIComponent(node[1] as string);
      const kubelet = this.#cluster.kubelets.get(name);
      if (!kubelet) {
        throw StatusError.notFound({ group: "", resource: "nodes" }, name);
      }
      if (node[2] === "fail") kubelet.stop();
      else kubelet.start();
      this.#cluster.loop.settle();
      return { node: name, running: kubelet.running, ...this.#clock() };
    }
    throw new StatusError({
      message: "the server could not find the requested resource",
      reason: "NotFound",
      details: {},
      code: 404,
    });
  }
}

function methodNotAllowed(): StatusError {
  return new StatusError({
    message: "the server does not allow this method on the requested resource",
    reason: "MethodNotAllowed",
    details: {},
    code: 405,
  });
}
