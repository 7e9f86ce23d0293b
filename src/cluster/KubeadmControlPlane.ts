import type { Pod } from "../api/types.ts";

/**
 * The control-plane components kubeadm runs as static pods, by manifest name.
 *
 * @example
 * ```ts
 * CONTROL_PLANE_COMPONENTS.includes("kube-scheduler"); // true
 * ```
 */
export const CONTROL_PLANE_COMPONENTS = [
  "etcd",
  "kube-apiserver",
  "kube-controller-manager",
  "kube-scheduler",
] as const;

export type ControlPlaneComponent = (typeof CONTROL_PLANE_COMPONENTS)[number];

/**
 * The images `kubeadm config images list` prints for v1.32.0 (constants.go, etcd 3.5.16-0).
 *
 * @example
 * ```ts
 * CONTROL_PLANE_IMAGES["kube-apiserver"]; // "registry.k8s.io/kube-apiserver:v1.32.0"
 * ```
 */
export const CONTROL_PLANE_IMAGES: Record<ControlPlaneComponent, string> = {
  etcd: "registry.k8s.io/etcd:3.5.16-0",
  "kube-apiserver": "registry.k8s.io/kube-apiserver:v1.32.0",
  "kube-controller-manager": "registry.k8s.io/kube-controller-manager:v1.32.0",
  "kube-scheduler": "registry.k8s.io/kube-scheduler:v1.32.0",
};

type Volume = { name: string; hostPath: { path: string; type: string } };
type Mount = { name: string; mountPath: string; readOnly?: boolean };

/** A hostPath volume and its read-only mount at the same path (kubeadm's pattern). */
function hostPath(name: string, path: string, type: string, readOnly = true): [Volume, Mount] {
  return [
    { name, hostPath: { path, type } },
    { name, mountPath: path, ...(readOnly ? { readOnly: true } : {}) },
  ];
}

/** The shared shape of the four manifests (ComponentPod in kubeadm's staticpod/utils.go). */
function componentPod(
  component: ControlPlaneComponent,
  command: string[],
  requests: Record<string, string>,
  mounts: [Volume, Mount][],
  annotations: Record<string, string> = {},
): Pod {
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name: component,
      namespace: "kube-system",
      labels: { component, tier: "control-plane" },
      ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
    },
    spec: {
      containers: [
        {
          name: component,
          image: CONTROL_PLANE_IMAGES[component],
          imagePullPolicy: "IfNotPresent",
          command,
          resources: { requests },
          volumeMounts: mounts.map(([, m]) => m).sort(byName),
        },
      ],
      hostNetwork: true,
      priority: 2000001000,
      priorityClassName: "system-node-critical",
      securityContext: { seccompProfile: { type: "RuntimeDefault" } },
      volumes: mounts.map(([v]) => v).sort(byName),
    },
  } as Pod;
}

const PKI = "/etc/kubernetes/pki";

/** The volumes every Kubernetes component mounts (kubeadm's getHostPathVolumesForTheControlPlane). */
function commonMounts(): [Volume, Mount][] {
  return [
    hostPath("ca-certs", "/etc/ssl/certs", "DirectoryOrCreate"),
    hostPath("etc-ca-certificates", "/etc/ca-certificates", "DirectoryOrCreate"),
    hostPath("usr-local-share-ca-certificates", "/usr/local/share/ca-certificates", "DirectoryOrCreate"),
    hostPath("usr-share-ca-certificates", "/usr/share/ca-certificates", "DirectoryOrCreate"),
  ];
}

/**
 * The static pod manifests `kubeadm init` writes to `/etc/kubernetes/manifests` on the
 * control-plane node (cmd/kubeadm/app/phases/controlplane/manifests.go and phases/etcd/local.go,
 * v1.32): labels `component`/`tier: control-plane`, the registry.k8s.io images, host networking,
 * priority class `system-node-critical`, the requests kubeadm sets (apiserver 250m, controller-manager
 * 200m, scheduler 100m, etcd 100m/100Mi) and the command lines with the node's address. The probes
 * kubeadm adds (HTTPS `/livez`, `/readyz`, `/healthz`) are left out: the simulated components are
 * ready as soon as their container runs.
 *
 * @example
 * ```ts
 * kubeadmStaticPods("172.18.0.2").map((p) => p.metadata?.name);
 * // ["etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler"]
 * ```
 */
export function kubeadmStaticPods(nodeIP: string, nodeName = "control-plane"): Pod[] {
  const etcd = componentPod(
    "etcd",
    [
      "etcd",
      `--advertise-client-urls=https://${nodeIP}:2379`,
      `--cert-file=${PKI}/etcd/server.crt`,
      "--client-cert-auth=true",
      "--data-dir=/var/lib/etcd",
      "--experimental-initial-corrupt-check=true",
      "--experimental-watch-progress-notify-interval=5s",
      `--initial-advertise-peer-urls=https://${nodeIP}:2380`,
      `--initial-cluster=${nodeName}=https://${nodeIP}:2380`,
      `--key-file=${PKI}/etcd/server.key`,
      `--listen-client-urls=https://127.0.0.1:2379,https://${nodeIP}:2379`,
      "--listen-metrics-urls=http://127.0.0.1:2381",
      `--listen-peer-urls=https://${nodeIP}:2380`,
      `--name=${nodeName}`,
      `--peer-cert-file=${PKI}/etcd/peer.crt`,
      "--peer-client-cert-auth=true",
      `--peer-key-file=${PKI}/etcd/peer.key`,
      `--peer-trusted-ca-file=${PKI}/etcd/ca.crt`,
      "--snapshot-count=10000",
      `--trusted-ca-file=${PKI}/etcd/ca.crt`,
    ],
    { cpu: "100m", memory: "100Mi" },
    [
      hostPath("etcd-certs", `${PKI}/etcd`, "DirectoryOrCreate", false),
      hostPath("etcd-data", "/var/lib/etcd", "DirectoryOrCreate", false),
    ],
    { "kubeadm.kubernetes.io/etcd.advertise-client-urls": `https://${nodeIP}:2379` },
  );
  const apiserver = componentPod(
    "kube-apiserver",
    [
      "kube-apiserver",
      `--advertise-address=${nodeIP}`,
      "--allow-privileged=true",
      "--authorization-mode=Node,RBAC",
      `--client-ca-file=${PKI}/ca.crt`,
      "--enable-admission-plugins=NodeRestriction",
      "--enable-bootstrap-token-auth=true",
      `--etcd-cafile=${PKI}/etcd/ca.crt`,
      `--etcd-certfile=${PKI}/apiserver-etcd-client.crt`,
      `--etcd-keyfile=${PKI}/apiserver-etcd-client.key`,
      "--etcd-servers=https://127.0.0.1:2379",
      `--kubelet-client-certificate=${PKI}/apiserver-kubelet-client.crt`,
      `--kubelet-client-key=${PKI}/apiserver-kubelet-client.key`,
      "--kubelet-preferred-address-types=InternalIP,ExternalIP,Hostname",
      `--proxy-client-cert-file=${PKI}/front-proxy-client.crt`,
      `--proxy-client-key-file=${PKI}/front-proxy-client.key`,
      "--requestheader-allowed-names=front-proxy-client",
      `--requestheader-client-ca-file=${PKI}/front-proxy-ca.crt`,
      "--requestheader-extra-headers-prefix=X-Remote-Extra-",
      "--requestheader-group-headers=X-Remote-Group",
      "--requestheader-username-headers=X-Remote-User",
      "--secure-port=6443",
      "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
      `--service-account-key-file=${PKI}/sa.pub`,
      `--service-account-signing-key-file=${PKI}/sa.key`,
      "--service-cluster-ip-range=10.96.0.0/12",
      `--tls-cert-file=${PKI}/apiserver.crt`,
      `--tls-private-key-file=${PKI}/apiserver.key`,
    ],
    { cpu: "250m" },
    [...commonMounts(), hostPath("k8s-certs", PKI, "DirectoryOrCreate")],
    { "kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint": `${nodeIP}:6443` },
  );
  const controllerManager = componentPod(
    "kube-controller-manager",
    [
      "kube-controller-manager",
      "--allocate-node-cidrs=true",
      "--authentication-kubeconfig=/etc/kubernetes/controller-manager.conf",
      "--authorization-kubeconfig=/etc/kubernetes/controller-manager.conf",
      "--bind-address=127.0.0.1",
      `--client-ca-file=${PKI}/ca.crt`,
      "--cluster-cidr=10.244.0.0/16",
      "--cluster-name=kubernetes",
      `--cluster-signing-cert-file=${PKI}/ca.crt`,
      `--cluster-signing-key-file=${PKI}/ca.key`,
      "--controllers=*,bootstrapsigner,tokencleaner",
      "--kubeconfig=/etc/kubernetes/controller-manager.conf",
      "--leader-elect=true",
      `--requestheader-client-ca-file=${PKI}/front-proxy-ca.crt`,
      `--root-ca-file=${PKI}/ca.crt`,
      `--service-account-private-key-file=${PKI}/sa.key`,
      "--service-cluster-ip-range=10.96.0.0/12",
      "--use-service-account-credentials=true",
    ],
    { cpu: "200m" },
    [
      ...commonMounts(),
      hostPath(
        "flexvolume-dir",
        "/usr/libexec/kubernetes/kubelet-plugins/volume/exec",
        "DirectoryOrCreate",
        false,
      ),
      hostPath("k8s-certs", PKI, "DirectoryOrCreate"),
      hostPath("kubeconfig", "/etc/kubernetes/controller-manager.conf", "FileOrCreate"),
    ],
  );
  const scheduler = componentPod(
    "kube-scheduler",
    [
      "kube-scheduler",
      "--authentication-kubeconfig=/etc/kubernetes/scheduler.conf",
      "--authorization-kubeconfig=/etc/kubernetes/scheduler.conf",
      "--bind-address=127.0.0.1",
      "--kubeconfig=/etc/kubernetes/scheduler.conf",
      "--leader-elect=true",
    ],
    { cpu: "100m" },
    [hostPath("kubeconfig", "/etc/kubernetes/scheduler.conf", "FileOrCreate")],
  );
  return [etcd, apiserver, controllerManager, scheduler];
}

/**
 * The component a static pod manifest name stands for, if it is one of kubeadm's.
 *
 * @example
 * ```ts
 * controlPlaneComponentOf("etcd"); // "etcd"
 * controlPlaneComponentOf("static-web"); // undefined
 * ```
 */
export function controlPlaneComponentOf(manifestName: string): ControlPlaneComponent | undefined {
  return (CONTROL_PLANE_COMPONENTS as readonly string[]).includes(manifestName)
    ? (manifestName as ControlPlaneComponent)
    : undefined;
}
