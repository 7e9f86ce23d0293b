import type { KubeObject, Namespace } from "../api/types.ts";
import { Informer } from "../client/Informer.ts";
import { Controller, type ControllerContext } from "./Controller.ts";

/**
 * The serviceaccount controller and root-ca-cert-publisher: every active namespace gets the
 * `default` ServiceAccount and the `kube-root-ca.crt` ConfigMap pods mount.
 */
export class ServiceAccountsController extends Controller {
  #namespaces: Informer<Namespace> | undefined;

  constructor(ctx: ControllerContext) {
    super("serviceaccount-controller", ctx);
  }

  protected override startInformers(): void {
    this.#namespaces = new Informer<Namespace>(this.ctx.loop, this.client.resource<Namespace>("namespaces"));
    this.#namespaces.on({
      add: (ns) => this.queue.add(ns.metadata?.name as string),
      update: (ns) => this.queue.add(ns.metadata?.name as string),
    });
    this.#namespaces.start();
  }

  protected override stopInformers(): void {
    this.#namespaces?.stop();
  }

  protected override reconcile(name: string): void {
    const ns = this.#namespaces?.get(name);
    if (ns?.status?.phase !== "Active") return;
    const serviceAccounts = this.client.resource<KubeObject>("serviceaccounts");
    if (!serviceAccounts.find(name, "default")) {
      serviceAccounts.create({
        apiVersion: "v1",
        kind: "ServiceAccount",
        metadata: { name: "default", namespace: name },
      });
    }
    const configMaps = this.client.resource<KubeObject>("configmaps");
    if (!configMaps.find(name, "kube-root-ca.crt")) {
      configMaps.create({
        apiVersion: "v1",
        kind: "ConfigMap",
        metadata: {
          name: "kube-root-ca.crt",
          namespace: name,
          annotations: {
            "kubernetes.io/description":
              "Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.",
          },
        },
        data: {
          "ca.crt": "-----BEGIN CERTIFICATE-----\nkubespec simulated cluster CA\n-----END CERTIFICATE-----\n",
        },
      });
    }
  }
}
