import type { KindRegistry, ResourceType } from "../api/kinds.ts";
import type { KubeObject } from "../api/types.ts";
import type {
  ApiServer,
  DeleteOptions,
  ListOptions,
  ListResult,
  PatchType,
  WriteOptions,
} from "../apiserver/ApiServer.ts";
import type { WatchEvent, WatchHandle } from "../apiserver/WatchCache.ts";

/**
 * Typed access to one resource on behalf of one component (a client-go typed client).
 *
 * @example
 * ```ts
 * const pods = new Client("kube-scheduler", apiserver).resource<Pod>("pods");
 * pods.get("default", "nginx").status?.phase;
 * ```
 */
export class ResourceClient<T extends object = KubeObject> {
  constructor(
    readonly user: string,
    readonly type: ResourceType,
    readonly api: ApiServer,
  ) {}

  get(namespace: string | undefined, name: string): T {
    return this.api.get<T>(this.user, this.type, namespace, name);
  }

  /** The stored object, or undefined when it does not exist. */
  find(namespace: string | undefined, name: string): T | undefined {
    try {
      return this.get(namespace, name);
    } catch (error) {
      if ((error as { code?: number }).code === 404) return undefined;
      throw error;
    }
  }

  list(namespace?: string, options: ListOptions = {}): ListResult<T> {
    return this.api.list<T>(this.user, this.type, namespace, options);
  }

  create(object: T, options: WriteOptions = {}): T {
    const meta = (object as unknown as KubeObject).metadata;
    return this.api.create<T>(this.user, this.type, meta?.namespace, object, options).object;
  }

  update(object: T, options: WriteOptions = {}): T {
    const meta = (object as unknown as KubeObject).metadata;
    return this.api.update<T>(this.user, this.type, meta.namespace, meta.name as string, object, options)
      .object;
  }

  updateStatus(object: T): T {
    return this.update(object, { subresource: "status" });
  }

  patch(
    namespace: string | undefined,
    name: string,
    type: PatchType,
    patch: unknown,
    options: WriteOptions = {},
  ): T {
    return this.api.patch<T>(this.user, this.type, namespace, name, type, patch, options).object;
  }

  delete(
    namespace: string | undefined,
    name: string,
    options: DeleteOptions = {},
  ): { object: T; deleted: boolean } {
    return this.api.delete<T>(this.user, this.type, namespace, name, options);
  }

  watch(
    namespace: string | undefined,
    options: ListOptions,
    handler: (event: WatchEvent<T>) => void,
  ): WatchHandle {
    return this.api.watch(this.user, this.type, namespace, options, handler as (event: WatchEvent) => void);
  }
}

/**
 * A component's connection to the apiserver, carrying its identity (the user agent that appears in
 * the recorded conversation).
 *
 * @example
 * ```ts
 * const client = new Client("kubelet/node-1", apiserver);
 * client.resource("leases").get("kube-node-lease", "node-1");
 * ```
 */
export class Client {
  readonly #cache = new Map<string, ResourceClient<object>>();

  constructor(
    readonly user: string,
    readonly api: ApiServer,
  ) {}

  get kinds(): KindRegistry {
    return this.api.kinds;
  }

  /** Client for a resource by plural name (`pods`, `deployments.apps`) or short name. */
  resource<T extends object = KubeObject>(name: string): ResourceClient<T> {
    let client = this.#cache.get(name);
    if (!client) {
      const type = this.api.kinds.forResourceName(name);
      if (!type) throw new Error(`unknown resource ${name}`);
      client = new ResourceClient<object>(this.user, type, this.api);
      this.#cache.set(name, client);
    }
    return client as ResourceClient<T>;
  }

  /** Create the pods/binding subresource (used by schedulers). */
  bind(namespace: string, pod: string, node: string): void {
    this.api.bind(this.user, namespace, pod, { target: { name: node } });
  }
}
