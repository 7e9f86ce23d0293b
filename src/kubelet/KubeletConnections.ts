import type { ResourceType } from "../api/kinds.ts";
import { StatusError } from "../api/StatusError.ts";
import type { Pod } from "../api/types.ts";
import type { ApiServer } from "../apiserver/ApiServer.ts";
import type { ExecResult } from "./ContainerRuntime.ts";
import { KubeletError, type LogOptions } from "./containerLogs.ts";
import type { Kubelet } from "./Kubelet.ts";

/** Options of a `pods/log` request. */
export interface PodLogRequest extends LogOptions {
  container?: string;
}

/** A running `pods/exec` request; `result` is set once the command finished. */
export interface ExecHandle {
  result: ExecResult | undefined;
}

/**
 * The apiserver's connections to kubelets (pkg/registry/core/pod LogLocation and ExecLocation,
 * pkg/kubelet/client): `pods/log` and `pods/exec` look the pod up, check the container name and the
 * node, then ask that node's kubelet. The kubelet's refusals come back as 400 BadRequest, and a
 * kubelet that cannot be reached as the dial error the apiserver reports.
 *
 * @example
 * ```ts
 * const connections = new KubeletConnections(apiserver, (node) => kubelets.get(node));
 * connections.logs("default", "web", { tailLines: 10 });
 * ```
 */
export class KubeletConnections {
  readonly #api: ApiServer;
  readonly #kubelet: (node: string) => Kubelet | undefined;

  constructor(api: ApiServer, kubelet: (node: string) => Kubelet | undefined) {
    this.#api = api;
    this.#kubelet = kubelet;
  }

  #pod(namespace: string, name: string): Pod {
    const pods = this.#api.kinds.forResourceName("pods") as ResourceType;
    return this.#api.get<Pod>("kubectl", pods, namespace, name);
  }

  /** validateContainer (pkg/registry/core/pod/strategy.go). */
  #container(pod: Pod, container: string | undefined): string {
    const name = pod.metadata?.name ?? "";
    const all = [
      ...(pod.spec?.containers ?? []),
      ...(pod.spec?.initContainers ?? []),
      ...(pod.spec?.ephemeralContainers ?? []),
    ];
    if (!container) {
      if (pod.spec?.containers.length === 1) return pod.spec.containers[0]?.name ?? "";
      if ((pod.spec?.containers.length ?? 0) === 0)
        throw StatusError.badRequest(`a container name must be specified for pod ${name}`);
      throw StatusError.badRequest(
        `a container name must be specified for pod ${name}, choose one of: [${all.map((c) => c.name).join(" ")}]`,
      );
    }
    if (!all.some((c) => c.name === container))
      throw StatusError.badRequest(`container ${container} is not valid for pod ${name}`);
    return container;
  }

  #reach(pod: Pod, path: string): Kubelet {
    const node = pod.spec?.nodeName ?? "";
    const kubelet = this.#kubelet(node);
    if (!kubelet?.running) {
      const ip = kubelet?.config.internalIP ?? node;
      const why =
        (kubelet as { state?: string } | undefined)?.state === "partitioned"
          ? "i/o timeout"
          : "connect: connection refused";
      throw new StatusError({
        message: `Get "https://${ip}:10250/${path}": dial tcp ${ip}:10250: ${why}`,
        code: 500,
      });
    }
    return kubelet;
  }

  /** GET pods/{name}/log: the container's log text. */
  logs(namespace: string, name: string, request: PodLogRequest = {}): string {
    const pod = this.#pod(namespace, name);
    const container = this.#container(pod, request.container);
    if (!pod.spec?.nodeName) return "";
    const kubelet = this.#reach(pod, `containerLogs/${namespace}/${name}/${container}`);
    try {
      return kubelet.containerLogs(namespace, name, container, request);
    } catch (error) {
      if (error instanceof KubeletError) throw StatusError.badRequest(error.message);
      throw error;
    }
  }

  /** POST pods/{name}/exec: start the command; the handle's result is set when it ends. */
  exec(
    namespace: string,
    name: string,
    container: string | undefined,
    command: readonly string[],
  ): ExecHandle {
    const pod = this.#pod(namespace, name);
    const chosen = this.#container(pod, container);
    if (!pod.spec?.nodeName) throw StatusError.badRequest(`pod ${name} does not have a host assigned`);
    const kubelet = this.#reach(pod, `exec/${namespace}/${name}/${chosen}`);
    const handle: ExecHandle = { result: undefined };
    kubelet.exec(namespace, name, chosen, command, (result) => {
      handle.result = result;
    });
    return handle;
  }
}
