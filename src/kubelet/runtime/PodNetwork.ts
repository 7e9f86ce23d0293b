import type { FetchResult } from "../shell/Shell.ts";
import type { Endpoint, HttpRequest, HttpResponse, Sandbox } from "./Sandbox.ts";

/** The outcome of connecting to `ip:port`. */
export type DialResult =
  | { ok: true; endpoint: Endpoint; sandbox: Sandbox }
  | { ok: false; error: "refused" | "unreachable" };

/**
 * The pod network of a cluster: every pod sandbox by IP, across all nodes. It answers "is anything
 * in pod P listening on port N/TCP, and what does it answer" ({@link PodNetwork.dial},
 * {@link PodNetwork.httpGet}), which the kubelet's probes, `wget`/`curl` inside containers and,
 * later, kube-proxy and DNS use. Names and virtual IPs are resolved by the optional `resolve` and
 * `route` hooks (the Services/DNS components plug in there).
 *
 * @example
 * ```ts
 * const result = network.dial("10.244.1.5", 80);
 * if (result.ok) result.endpoint.http({ method: "GET", path: "/", host: "10.244.1.5", remote: "10.244.1.1", userAgent: "curl/8" });
 * ```
 */
export class PodNetwork {
  readonly #byIP = new Map<string, Sandbox>();
  /** Resolve a DNS name seen from a pod in `namespace` to an IP (cluster DNS plugs in here). */
  resolve: ((name: string, namespace: string, source?: string) => string | undefined) | undefined;
  /**
   * Map a virtual IP and port (a Service) seen from the source address to a pod IP and port, or
   * refuse/drop it (kube-proxy plugs in here); `remote` is the source after SNAT.
   */
  route:
    | ((
        ip: string,
        port: number,
        protocol: string,
        source?: string,
      ) => { ip: string; port: number; remote?: string } | { error: "refused" | "unreachable" } | undefined)
    | undefined;

  /** Whether an address is a node's (the host network of its host-network pods). */
  isNodeIP: ((ip: string) => boolean) | undefined;

  add(sandbox: Sandbox): void {
    this.#byIP.set(sandbox.ip, sandbox);
  }

  remove(sandbox: Sandbox): void {
    if (this.#byIP.get(sandbox.ip) === sandbox) this.#byIP.delete(sandbox.ip);
  }

  /** The sandbox that owns a pod IP. */
  sandbox(ip: string): Sandbox | undefined {
    return this.#byIP.get(ip);
  }

  /** Connect to `ip:port`: refused when nothing listens (or not yet); unreachable when no pod has the IP. */
  dial(ip: string, port: number, protocol = "TCP", source?: string): DialResult & { remote?: string } {
    // A node's IP may also be the sandbox IP of its host-network pods (kube-proxy, the static
    // pods): its NodePorts still go through the node's rules first.
    const routed =
      this.#byIP.has(ip) && !this.isNodeIP?.(ip) ? undefined : this.route?.(ip, port, protocol, source);
    if (routed && "error" in routed) return { ok: false, error: routed.error };
    const target = routed ?? { ip, port };
    const sandbox = this.#byIP.get(target.ip);
    if (!sandbox?.ready) return { ok: false, error: "unreachable" };
    const endpoint = sandbox.endpoint(target.port, protocol);
    if (!endpoint?.accepting) return { ok: false, error: "refused" };
    return { ok: true, endpoint, sandbox, ...(routed?.remote ? { remote: routed.remote } : {}) };
  }

  /**
   * An HTTP GET from `from` (a pod sandbox, or undefined for the node) to a URL: `localhost` is
   * the pod itself.
   */
  httpGet(
    from: Sandbox | undefined,
    url: string,
    client: { remote: string; userAgent: string },
  ): FetchResult & { response?: HttpResponse } {
    const match = /^https?:\/\/(\[[^\]]+\]|[^/:]+)(?::(\d+))?(\/.*)?$/.exec(url);
    if (!match) return { ok: false, error: "unresolved", address: url };
    const host = match[1] as string;
    const port = match[2] ? Number(match[2]) : url.startsWith("https") ? 443 : 80;
    const path = match[3] ?? "/";
    let ip: string | undefined;
    if (host === "localhost" || host === "127.0.0.1") ip = from?.ip;
    else if (/^\d+\.\d+\.\d+\.\d+$/.test(host)) ip = host;
    else if (from && host === from.podName) ip = from.ip;
    else ip = this.resolve?.(host, from?.namespace ?? "default", from?.ip);
    if (!ip) return { ok: false, error: "unresolved", address: host };
    const dialed =
      from && (host === "localhost" || host === "127.0.0.1")
        ? (() => {
            const endpoint = from.endpoint(port);
            return endpoint?.accepting
              ? ({ ok: true, endpoint, sandbox: from } as const)
              : ({ ok: false, error: "refused" } as const);
          })()
        : this.dial(ip, port, "TCP", from?.ip);
    if (!dialed.ok)
      return {
        ok: false,
        error: dialed.error === "unreachable" ? "timeout" : "refused",
        address: host === "localhost" ? "127.0.0.1" : ip,
      };
    const request: HttpRequest = {
      method: "GET",
      path,
      host: match[2] ? `${host}:${port}` : host,
      remote:
        host === "localhost" || host === "127.0.0.1"
          ? "127.0.0.1"
          : ("remote" in dialed && dialed.remote) || client.remote,
      userAgent: client.userAgent,
    };
    const response = dialed.endpoint.http(request);
    if (!response) return { ok: false, error: "empty", address: ip };
    return {
      ok: true,
      status: response.status,
      body: response.body,
      delayMillis: response.delayMillis,
      response,
    };
  }
}
