import { type Actor, createActor } from "xstate";
import type { EndpointSlice, Service } from "../api/types.ts";
import type { ApiServer } from "../apiserver/ApiServer.ts";
import { Client } from "../client/Client.ts";
import { Informer } from "../client/Informer.ts";
import type { EventLoop } from "../clock/EventLoop.ts";
import type { SeededRandom } from "../clock/SeededRandom.ts";
import { statechartVisits } from "../cluster/StatechartVisits.ts";
import { kubeProxyMachine } from "./kubeProxyMachine.ts";
import { type Packet, ProxyRules, type Verdict } from "./ProxyRules.ts";

/** kubeadm's pod network (`--cluster-cidr` of kube-proxy's configuration). */
export const CLUSTER_CIDR = "10.244.0.0/16";

/**
 * kube-proxy on one node in iptables mode: it watches Services and EndpointSlices and rewrites the
 * node's rules ({@link ProxyRules}) after changes (at most once a second) and every 30 s. Packets
 * the node handles are walked through the rules it last wrote, with this node's seeded RNG for
 * `-m statistic` and its `-m recent` lists for ClientIP affinity.
 *
 * @example
 * ```ts
 * const proxy = new KubeProxy(loop, random, api, "node-1");
 * proxy.start();
 * proxy.rules.iptablesSave();
 * ```
 */
export class KubeProxy {
  readonly nodeName: string;
  readonly actor: Actor<typeof kubeProxyMachine>;
  /** The rules in the node's kernel (the last sync's). */
  rules: ProxyRules;
  /** When the rules were last written (virtual ms), or undefined before the first sync. */
  lastSync: number | undefined;
  readonly #loop: EventLoop;
  readonly #random: SeededRandom;
  readonly #services: Informer<Service>;
  readonly #slices: Informer<EndpointSlice>;
  readonly #recent = new Map<string, Map<string, number>>();
  #started = false;

  constructor(loop: EventLoop, random: SeededRandom, api: ApiServer, nodeName: string) {
    this.nodeName = nodeName;
    this.#loop = loop;
    this.#random = random;
    const client = new Client(`kube-proxy/${nodeName}`, api);
    this.#services = new Informer<Service>(loop, client.resource<Service>("services"));
    this.#slices = new Informer<EndpointSlice>(loop, client.resource<EndpointSlice>("endpointslices"));
    const changed = () => this.actor.send({ type: "CHANGED" });
    for (const informer of [this.#services, this.#slices] as Informer<object>[])
      informer.on({ add: changed, update: changed, delete: changed });
    this.rules = ProxyRules.build([], [], { name: nodeName, clusterCIDR: CLUSTER_CIDR });
    this.actor = createActor(kubeProxyMachine.provide({ actions: { syncProxyRules: () => this.#sync() } }), {
      clock: loop,
      inspect: statechartVisits.inspect,
    });
  }

  start(): void {
    this.#services.start();
    this.#slices.start();
    if (!this.#started) {
      this.#started = true;
      this.actor.start();
    } else this.actor.send({ type: "START" });
  }

  /** The kube-proxy process stops: its rules stay, nothing updates them. */
  stop(): void {
    this.actor.send({ type: "STOP" });
    this.#services.stop();
    this.#slices.stop();
  }

  get running(): boolean {
    return this.#started && !this.actor.getSnapshot().matches("stopped");
  }

  /** Walk a packet through this node's rules. */
  route(packet: Packet): Verdict {
    return this.rules.route(packet, {
      now: this.#loop.now(),
      random: () => this.#random.float(),
      recent: this.#recent,
    });
  }

  #sync(): void {
    this.rules = ProxyRules.build(this.#services.list(), this.#slices.list(), {
      name: this.nodeName,
      clusterCIDR: CLUSTER_CIDR,
    });
    this.lastSync = this.#loop.now();
  }
}
