import type { ResourceType } from "../api/kinds.ts";
import type { KubeObject } from "../api/types.ts";
import type { ApiServer } from "../apiserver/ApiServer.ts";

/** The apiserver's advertise address in a kubeadm cluster (the control-plane node's IP). */
export const APISERVER_ADVERTISE_ADDRESS = "172.18.0.2";
/** kube-apiserver's secure port. */
export const APISERVER_PORT = 6443;

/**
 * What kube-apiserver's bootstrap controller writes at start: the `kubernetes` Service in
 * `default` at the first IP of the service range (10.96.0.1:443 → 6443) and, as its endpoint
 * reconciler does, the `kubernetes` Endpoints and EndpointSlice pointing at the apiserver.
 *
 * @example
 * ```ts
 * bootstrapKubernetesService(apiserver);
 * ```
 */
export function bootstrapKubernetesService(api: ApiServer): void {
  const type = (plural: string) => api.kinds.forResourceName(plural) as ResourceType;
  const labels = { component: "apiserver", provider: "kubernetes" };
  api.create<KubeObject>("kube-apiserver", type("services"), "default", {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: "kubernetes", namespace: "default", labels },
    spec: {
      clusterIP: "10.96.0.1",
      ports: [{ name: "https", port: 443, protocol: "TCP", targetPort: APISERVER_PORT }],
      sessionAffinity: "None",
      type: "ClusterIP",
    },
  });
  api.create<KubeObject>("kube-apiserver", type("endpoints"), "default", {
    apiVersion: "v1",
    kind: "Endpoints",
    metadata: {
      name: "kubernetes",
      namespace: "default",
      labels: { "endpointslice.kubernetes.io/skip-mirror": "true" },
    },
    subsets: [
      {
        addresses: [{ ip: APISERVER_ADVERTISE_ADDRESS }],
        ports: [{ name: "https", port: APISERVER_PORT, protocol: "TCP" }],
      },
    ],
  });
  api.create<KubeObject>("kube-apiserver", type("endpointslices"), "default", {
    apiVersion: "discovery.k8s.io/v1",
    kind: "EndpointSlice",
    metadata: {
      name: "kubernetes",
      namespace: "default",
      labels: { "kubernetes.io/service-name": "kubernetes" },
    },
    addressType: "IPv4",
    endpoints: [{ addresses: [APISERVER_ADVERTISE_ADDRESS], conditions: { ready: true } }],
    ports: [{ name: "https", port: APISERVER_PORT, protocol: "TCP" }],
  });
}
