import type { ResourceType } from "../api/kinds.ts";
import type { ApiObserver, RequestRecord } from "../apiserver/ApiServer.ts";
import type { WatchEvent } from "../apiserver/WatchCache.ts";
import type { EventLoop } from "../clock/EventLoop.ts";

/** One message of the control-plane conversation. */
export interface ConversationMessage {
  /** Virtual time (ms). */
  time: number;
  from: string;
  to: string;
  /** e.g. `create pods/nginx`, `put /registry/pods/default/nginx`, `ADDED pods/nginx`. */
  text: string;
  kind: "request" | "storage" | "watch";
  /** For requests: the HTTP-like status code (0 when the apiserver was not reachable). */
  readonly code?: number;
}

/** The participant name of a client identity (`kubelet/node-1` → `kubelet (node-1)`). */
export function participant(user: string): string {
  const slash = user.indexOf("/");
  return slash < 0 ? user : `${user.slice(0, slash)} (${user.slice(slash + 1)})`;
}

function objectName(type: ResourceType, namespace: string | undefined, name: string | undefined): string {
  const resource = type.group ? `${type.plural}.${type.group}` : type.plural;
  return name
    ? `${resource}/${namespace ? `${namespace}/` : ""}${name}`
    : namespace
      ? `${resource} in ${namespace}`
      : resource;
}

/**
 * Records who said what to whom through the apiserver: requests (client → kube-apiserver), storage
 * writes (kube-apiserver → etcd) and watch notifications (kube-apiserver → watcher). Scenarios draw
 * it as a sequence diagram.
 */
export class Conversation {
  readonly messages: ConversationMessage[] = [];
  readonly #loop: EventLoop;
  /** Cap, so long runs do not grow without bound. */
  readonly limit: number;

  constructor(loop: EventLoop, limit = 20_000) {
    this.#loop = loop;
    this.limit = limit;
  }

  #push(message: Omit<ConversationMessage, "time">): void {
    if (this.messages.length >= this.limit) return;
    this.messages.push({ time: this.#loop.now(), ...message });
  }

  get observer(): ApiObserver {
    return {
      request: (r: RequestRecord) => {
        if (r.verb === "watch" || r.verb === "list") return;
        const sub = r.subresource ? `/${r.subresource}` : "";
        if (this.messages.length >= this.limit) return;
        this.messages.push({
          time: this.#loop.now(),
          from: participant(r.user),
          to: "kube-apiserver",
          text: `${r.verb} ${objectName(r.type, r.namespace, r.name)}${sub}`,
          kind: "request",
          get code() {
            return r.code;
          },
        });
      },
      storage: (op, key, revision) => {
        this.#push({
          from: "kube-apiserver",
          to: "etcd",
          text: `${op === "delete" ? "delete" : "put"} ${key} (rev ${revision})`,
          kind: "storage",
        });
      },
      delivered: (watcher: { user: string }, type: ResourceType, event: WatchEvent) => {
        const meta = event.object.metadata;
        this.#push({
          from: "kube-apiserver",
          to: participant(watcher.user),
          text: `${event.type} ${objectName(type, meta.namespace, meta.name)}`,
          kind: "watch",
        });
      },
    };
  }

  /** Messages about one object (its requests, storage and notifications). */
  about(resource: string, namespace: string, name: string): ConversationMessage[] {
    const needle = `${resource}/${namespace}/${name}`;
    return this.messages.filter(
      (m) => m.text.includes(needle) || m.text.includes(`/${resource}/${namespace}/${name} `),
    );
  }
}
