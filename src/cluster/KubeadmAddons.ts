import type { KubeObject } from "../api/types.ts";
import { CLUSTER_DNS_IP, CLUSTER_DOMAIN } from "../dns/ClusterDns.ts";
import { CLUSTER_CIDR } from "../kube-proxy/KubeProxy.ts";
import { CONTROL_PLANE_TAINT } from "./ClusterSpec.ts";
import { APISERVER_ADVERTISE_ADDRESS, APISERVER_PORT } from "./systemServices.ts";

/**
 * The add-on images kubeadm v1.32.0 deploys (`kubeadm config images list`: kube-proxy at the
 * cluster's version, CoreDNS v1.11.3) and the sandbox image; kubeadm (and kind) pre-pull them on
 * every node.
 *
 * @example
 * ```ts
 * ADDON_IMAGES.coredns; // "registry.k8s.io/coredns/coredns:v1.11.3"
 * ```
 */
export const ADDON_IMAGES = {
  "kube-proxy": "registry.k8s.io/kube-proxy:v1.32.0",
  coredns: "registry.k8s.io/coredns/coredns:v1.11.3",
  pause: "registry.k8s.io/pause:3.10",
} as const;

/** The label kube-proxy's DaemonSet selects its pods by. */
export const KUBE_PROXY_LABEL = { "k8s-app": "kube-proxy" } as const;
/** The label of the coredns pods and the kube-dns Service's selector. */
export const KUBE_DNS_LABEL = { "k8s-app": "kube-dns" } as const;

/** The Corefile of kubeadm's coredns ConfigMap (phases/addons/dns/manifests.go). */
const COREFILE = `.:53 {
    errors
    health {
       lameduck 5s
    }
    ready
    kubernetes ${CLUSTER_DOMAIN} in-addr.arpa ip6.arpa {
       pods insecure
       fallthrough in-addr.arpa ip6.arpa
       ttl 30
    }
    prometheus :9153
    forward . /etc/resolv.conf {
       max_concurrent 1000
    }
    cache 30 {
       disable success ${CLUSTER_DOMAIN}
       disable denial ${CLUSTER_DOMAIN}
    }
    loop
    reload
    loadbalance
}
`;

/** kube-proxy's KubeProxyConfiguration as kubeadm writes it into the ConfigMap (the parts that matter). */
const KUBE_PROXY_CONFIG = `apiVersion: kubeproxy.config.k8s.io/v1alpha1
bindAddress: 0.0.0.0
clientConnection:
  kubeconfig: /var/lib/kube-proxy/kubeconfig.conf
clusterCIDR: ${CLUSTER_CIDR}
iptables:
  masqueradeAll: false
  minSyncPeriod: 1s
  syncPeriod: 30s
kind: KubeProxyConfiguration
metricsBindAddress: ""
mode: ""`;

const KUBECONFIG = `apiVersion: v1
kind: Config
clusters:
- cluster:
    certificate-authority: /var/run/secrets/kubernetes.io/serviceaccount/ca.crt
    server: https://${APISERVER_ADVERTISE_ADDRESS}:${APISERVER_PORT}
  name: default
contexts:
- context:
    cluster: default
    namespace: default
    user: default
  name: default
current-context: default
users:
- name: default
  user:
    tokenFile: /var/run/secrets/kubernetes.io/serviceaccount/token`;

/**
 * The kube-proxy add-on `kubeadm init` applies (cmd/kubeadm/app/phases/addons/proxy/manifests.go,
 * v1.32): its ServiceAccount, its ConfigMap and the DaemonSet that runs kube-proxy with the host's
 * network on every Linux node, tolerating every taint, at priority system-node-critical.
 *
 * @example
 * ```ts
 * kubeProxyAddon().map((o) => o.kind); // ["ServiceAccount", "ConfigMap", "DaemonSet"]
 * ```
 */
export function kubeProxyAddon(): KubeObject[] {
  const meta = { name: "kube-proxy", namespace: "kube-system" };
  return [
    { apiVersion: "v1", kind: "ServiceAccount", metadata: { ...meta } },
    {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { ...meta, labels: { app: "kube-proxy" } },
      data: { "config.conf": KUBE_PROXY_CONFIG, "kubeconfig.conf": KUBECONFIG },
    } as KubeObject,
    {
      apiVersion: "apps/v1",
      kind: "DaemonSet",
      metadata: { ...meta, labels: { ...KUBE_PROXY_LABEL } },
      spec: {
        selector: { matchLabels: { ...KUBE_PROXY_LABEL } },
        updateStrategy: { type: "RollingUpdate" },
        template: {
          metadata: { labels: { ...KUBE_PROXY_LABEL } },
          spec: {
            priorityClassName: "system-node-critical",
            containers: [
              {
                name: "kube-proxy",
                image: ADDON_IMAGES["kube-proxy"],
                imagePullPolicy: "IfNotPresent",
                command: [
                  "/usr/local/bin/kube-proxy",
                  "--config=/var/lib/kube-proxy/config.conf",
                  "--hostname-override=$(NODE_NAME)",
                ],
                env: [{ name: "NODE_NAME", valueFrom: { fieldRef: { fieldPath: "spec.nodeName" } } }],
                securityContext: { privileged: true },
                volumeMounts: [
                  { mountPath: "/var/lib/kube-proxy", name: "kube-proxy" },
                  { mountPath: "/run/xtables.lock", name: "xtables-lock" },
                  { mountPath: "/lib/modules", name: "lib-modules", readOnly: true },
                ],
              },
            ],
            hostNetwork: true,
            serviceAccountName: "kube-proxy",
            volumes: [
              { name: "kube-proxy", configMap: { name: "kube-proxy" } },
              { name: "xtables-lock", hostPath: { path: "/run/xtables.lock", type: "FileOrCreate" } },
              { name: "lib-modules", hostPath: { path: "/lib/modules" } },
            ],
            tolerations: [{ operator: "Exists" }],
            nodeSelector: { "kubernetes.io/os": "linux" },
          },
        },
      },
    } as KubeObject,
  ];
}

/**
 * The CoreDNS add-on `kubeadm init` applies (cmd/kubeadm/app/phases/addons/dns/manifests.go, v1.32):
 * ServiceAccount `coredns`, the `coredns` ConfigMap with the Corefile, Deployment `coredns` (two
 * replicas, requests 100m/70Mi, limit 170Mi, preferring different nodes, tolerating the
 * control-plane taint, readiness `/ready` on 8181, liveness `/health` on 8080) and Service
 * `kube-dns` at 10.96.0.10 with ports dns 53/UDP, dns-tcp 53/TCP and metrics 9153/TCP.
 *
 * @example
 * ```ts
 * coreDnsAddon().map((o) => o.kind); // ["ServiceAccount", "ConfigMap", "Deployment", "Service"]
 * ```
 */
export function coreDnsAddon(): KubeObject[] {
  const meta = { name: "coredns", namespace: "kube-system" };
  return [
    { apiVersion: "v1", kind: "ServiceAccount", metadata: { ...meta } },
    {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { ...meta },
      data: { Corefile: COREFILE },
    } as KubeObject,
    {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { ...meta, labels: { ...KUBE_DNS_LABEL } },
      spec: {
        replicas: 2,
        strategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 1 } },
        selector: { matchLabels: { ...KUBE_DNS_LABEL } },
        template: {
          metadata: { labels: { ...KUBE_DNS_LABEL } },
          spec: {
            priorityClassName: "system-cluster-critical",
            serviceAccountName: "coredns",
            affinity: {
              podAntiAffinity: {
                preferredDuringSchedulingIgnoredDuringExecution: [
                  {
                    weight: 100,
                    podAffinityTerm: {
                      labelSelector: {
                        matchExpressions: [{ key: "k8s-app", operator: "In", values: ["kube-dns"] }],
                      },
                      topologyKey: "kubernetes.io/hostname",
                    },
                  },
                ],
              },
            },
            tolerations: [
              { key: "CriticalAddonsOnly", operator: "Exists" },
              { key: CONTROL_PLANE_TAINT.key, effect: CONTROL_PLANE_TAINT.effect },
            ],
            nodeSelector: { "kubernetes.io/os": "linux" },
            containers: [
              {
                name: "coredns",
                image: ADDON_IMAGES.coredns,
                imagePullPolicy: "IfNotPresent",
                resources: { limits: { memory: "170Mi" }, requests: { cpu: "100m", memory: "70Mi" } },
                args: ["-conf", "/etc/coredns/Corefile"],
                volumeMounts: [{ name: "config-volume", mountPath: "/etc/coredns", readOnly: true }],
                ports: [
                  { containerPort: 53, name: "dns", protocol: "UDP" },
                  { containerPort: 53, name: "dns-tcp", protocol: "TCP" },
                  { containerPort: 9153, name: "metrics", protocol: "TCP" },
                  { containerPort: 8080, name: "liveness-probe", protocol: "TCP" },
                  { containerPort: 8181, name: "readiness-probe", protocol: "TCP" },
                ],
                livenessProbe: {
                  httpGet: { path: "/health", port: "liveness-probe", scheme: "HTTP" },
                  initialDelaySeconds: 60,
                  timeoutSeconds: 5,
                  successThreshold: 1,
                  failureThreshold: 5,
                },
                readinessProbe: { httpGet: { path: "/ready", port: "readiness-probe", scheme: "HTTP" } },
                securityContext: {
                  allowPrivilegeEscalation: false,
                  capabilities: { add: ["NET_BIND_SERVICE"], drop: ["ALL"] },
                  readOnlyRootFilesystem: true,
                },
              },
            ],
            dnsPolicy: "Default",
            volumes: [
              {
                name: "config-volume",
                configMap: { name: "coredns", items: [{ key: "Corefile", path: "Corefile" }] },
              },
            ],
          },
        },
      },
    } as KubeObject,
    {
      apiVersion: "v1",
      kind: "Service",
      metadata: {
        name: "kube-dns",
        namespace: "kube-system",
        labels: {
          ...KUBE_DNS_LABEL,
          "kubernetes.io/cluster-service": "true",
          "kubernetes.io/name": "CoreDNS",
        },
        annotations: { "prometheus.io/port": "9153", "prometheus.io/scrape": "true" },
      },
      spec: {
        clusterIP: CLUSTER_DNS_IP,
        ports: [
          { name: "dns", port: 53, protocol: "UDP", targetPort: 53 },
          { name: "dns-tcp", port: 53, protocol: "TCP", targetPort: 53 },
          { name: "metrics", port: 9153, protocol: "TCP", targetPort: 9153 },
        ],
        selector: { ...KUBE_DNS_LABEL },
      },
    } as KubeObject,
  ];
}
