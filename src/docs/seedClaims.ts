/** A scenario that proves a claim: its feature file and its name (the line is looked up). */
export type ScenarioRef = readonly [feature: string, scenario: string];

/**
 * A claim about Kubernetes made in a seed note (../shared/seeds/NNN_*.txt, line `line`), and the
 * scenarios that prove it; or why none does (`reason`), or which issue will bring them (`pending`).
 */
export interface SeedClaim {
  seed: string;
  line: number;
  claim: string;
  proof?: readonly ScenarioRef[];
  pending?: string;
  reason?: string;
}

const CREATION = [
  "features/pods/creation-flow.feature",
  "The control-plane conversation that creates a pod",
] as const;
const SINGLE = [
  "features/pods/single-container.feature",
  "A pod from YAML goes from Pending to Running",
] as const;
const RUN = [
  "features/pods/single-container.feature",
  "kubectl run creates a pod labelled run=<name>",
] as const;
const DELETE = [
  "features/pods/single-container.feature",
  "Deleting a pod ends its containers gracefully",
] as const;
const MULTI = [
  "features/pods/multi-container.feature",
  "Two containers are counted as 2/2 once both are ready",
] as const;
const SHARED_PORT = [
  "features/pods/lifecycle/shared-pod.feature",
  "Two containers on one port: the second cannot bind it",
] as const;
const LOCALHOST = [
  "features/pods/lifecycle/shared-pod.feature",
  "Containers reach each other on localhost",
] as const;
const EMPTYDIR = [
  "features/pods/lifecycle/shared-pod.feature",
  "An emptyDir shared by two containers (the example from the Kubernetes documentation)",
] as const;
const RS_REPLACE = ["features/workloads/replicaset.feature", "A deleted pod is replaced at once"] as const;
const RS_SCALE = [
  "features/workloads/replicaset.feature",
  "Scaling down deletes pods, scaling up creates them",
] as const;
const ROLLOUT = ["features/workloads/deployment-rollout.feature", "Rolling update, then rollback"] as const;
const NODE_FAILURE = [
  "features/nodes/node-failure.feature",
  "Not ready after 50 seconds, evicted after 5 more minutes, replaced elsewhere",
] as const;
const STATIC = [
  "features/pods/lifecycle/static-pods.feature",
  "The static pod runs on its node and is mirrored in the apiserver",
] as const;
const DAEMONSET = [
  "features/workloads/daemonset-statefulset.feature",
  "A DaemonSet pod on every worker, and on a node that joins",
] as const;
const CPU_MEMORY = [
  "features/scheduling/resources.feature",
  "Not enough cpu on one node, not enough memory on the other",
] as const;
const LEAST_ALLOCATED = [
  "features/scheduling/resources.feature",
  "LeastAllocated prefers the node with the most free capacity",
] as const;
const FIRST_POD = ["features/examples/first-pod.feature", "nginx starts on a worker node"] as const;
const TRAFFIC = "features/services/traffic.feature";
const SVC_REQUEST = [
  TRAFFIC,
  "A request to the service name reaches one of the pods, which logs it",
] as const;
const SVC_RULES = [TRAFFIC, "Every node has the rules that map the service IP to the pods"] as const;
const SVC_SPREAD = [TRAFFIC, "Load is spread evenly over the pods"] as const;
const SVC_SCALE_DOWN = [TRAFFIC, "Scaling down removes the endpoint and its rules"] as const;
const POD_TO_POD = [TRAFFIC, "A pod reaches another pod directly by its IP, across nodes"] as const;
const CLUSTER_IP_INSIDE = [TRAFFIC, "A ClusterIP service is reachable only inside the cluster"] as const;
const SVC_TYPES = [
  "features/services/service-types.feature",
  "Every type of service, as kubectl get lists them",
] as const;
const SVC_FAILOVER = [
  "features/services/endpoints.feature",
  "Pods that replace those of a failed node join the service",
] as const;
const NODE_PORT = [
  "features/services/external-traffic.feature",
  "A NodePort answers on every node, and the pod sees the node that forwarded",
] as const;
const LB_PENDING = [
  "features/services/external-traffic.feature",
  "Without a cloud controller a LoadBalancer service waits for its address",
] as const;
const LB_ASSIGNED = [
  "features/services/external-traffic.feature",
  "The cloud load balancer gets an address from the pool and sends traffic to the nodes",
] as const;
const DNS_SEARCH = [
  "features/services/dns.feature",
  "The search path finds a service by its short and longer names",
] as const;
const DNS_BY_NAME = [
  "features/services/dns.feature",
  "A web pod reaches its database by the service name (the seed notes' example)",
] as const;
const EXTERNAL_NAME = [
  "features/services/dns.feature",
  "An ExternalName service is an alias, not a proxy",
] as const;

/** The seed notes, by the number their file name starts with. */
export const SEED_NOTES: Readonly<Record<string, string>> = {
  "000": "000_52e23c200647a862.txt",
  "001": "001_23a341e9a91d201a.txt",
  "002": "002_53192d62d2977daf.txt",
  "003": "003_4b09279e7bddc0df.txt",
  "004": "004_e944b587fad55060.txt",
};

/** Every claim of the seed notes, in the order of the notes. */
export const SEED_CLAIMS: readonly SeedClaim[] = [
  // 000: kubelet, kube-proxy, pods
  {
    seed: "000",
    line: 3,
    claim: "The kubelet is an agent on every node that makes sure containers run in a pod.",
    proof: [CREATION, FIRST_POD],
  },
  {
    seed: "000",
    line: 5,
    claim:
      "The kubelet takes PodSpecs from several sources (the API, manifest files) and keeps their containers running and healthy.",
    proof: [
      STATIC,
      [
        "features/pods/lifecycle/probes.feature",
        "Liveness exec probe (the example from the Kubernetes documentation)",
      ],
    ],
  },
  {
    seed: "000",
    line: 5,
    claim: "The kubelet does not manage containers that Kubernetes did not create.",
    reason: "The simulated nodes run only the containers of pods; there is no other container to observe.",
  },
  {
    seed: "000",
    line: 7,
    claim: "kubeadm does not deploy kubelets.",
    reason: "About installing a cluster with kubeadm, not about a running cluster's behaviour.",
  },
  {
    seed: "000",
    line: 11,
    claim: "kube-proxy runs on every node and implements part of the Service concept.",
    proof: [SVC_RULES, SVC_REQUEST],
  },
  {
    seed: "000",
    line: 13,
    claim: "kube-proxy keeps network rules on the node that let traffic reach pods.",
    proof: [SVC_RULES, SVC_REQUEST],
  },
  {
    seed: "000",
    line: 15,
    claim:
      "kube-proxy uses the operating system's packet filtering when there is one, else forwards traffic itself.",
    proof: [SVC_RULES],
  },
  {
    seed: "000",
    line: 21,
    claim: "A pod is the smallest deployable unit that Kubernetes creates and manages.",
    proof: [SINGLE],
  },
  {
    seed: "000",
    line: 23,
    claim:
      "A pod is a group of one or more containers with shared storage and network and a spec for running them.",
    proof: [MULTI, EMPTYDIR, LOCALHOST],
  },
  {
    seed: "000",
    line: 25,
    claim: "A pod's containers are always co-located, co-scheduled and run in a shared context.",
    proof: [MULTI, LOCALHOST],
  },
  {
    seed: "000",
    line: 29,
    claim:
      "Pods are usually created by workload resources (Deployment, Job), StatefulSet for state, not directly.",
    proof: [
      ROLLOUT,
      ["features/workloads/describe.feature", "A Job, and a CronJob after its first run"],
      [
        "features/workloads/daemonset-statefulset.feature",
        "StatefulSet pods start one after another and leave in reverse",
      ],
    ],
  },
  { seed: "000", line: 36, claim: "Pods that run a single container.", proof: [SINGLE] },
  { seed: "000", line: 38, claim: "Pods that run several containers that work together.", proof: [MULTI] },
  {
    seed: "000",
    line: 55,
    claim: "spec.nodeName is empty by default (the scheduler fills it); set, it places the pod itself.",
    proof: [
      CREATION,
      ["features/scheduling/node-name.feature", "nodeName puts a pod on the tainted control-plane node"],
    ],
  },
  {
    seed: "000",
    line: 56,
    claim:
      "A toleration key=app, operator Equal, value blue, effect NoSchedule lets a pod onto a node with that taint.",
    proof: [
      [
        "features/scheduling/taints-and-tolerations.feature",
        "The seed notes' toleration (Equal) lets the pod onto the blue node only",
      ],
    ],
  },
  {
    seed: "000",
    line: 61,
    claim: "Required node affinity (size In [Large]) limits a pod to matching nodes.",
    proof: [["features/scheduling/node-affinity.feature", "The seed notes' pod requires a Large node"]],
  },
  {
    seed: "000",
    line: 70,
    claim:
      "Resource requests (the note's memory 1Gi, cpu 1; set per container in v1.32) decide where a pod fits.",
    proof: [CPU_MEMORY],
  },
  {
    seed: "000",
    line: 74,
    claim:
      "The note's YAML puts limits at spec level, where PodSpec has no such field: strict field validation refuses unknown fields (shown with another unknown field).",
    proof: [
      [
        "features/kubectl/bad-input.feature",
        "An unknown field is rejected by strict field validation, or dropped without validation",
      ],
    ],
  },
  {
    seed: "000",
    line: 78,
    claim: "schedulerName: my-custom-scheduler hands the pod to that scheduler.",
    proof: [
      [
        "features/scheduling/custom-scheduler.feature",
        "A pod for my-custom-scheduler waits until that scheduler runs",
      ],
    ],
  },
  { seed: "000", line: 81, claim: "kubectl create -f pod-definition.yml creates a pod.", proof: [SINGLE] },
  { seed: "000", line: 82, claim: "kubectl run nginx --image=nginx creates a pod.", proof: [RUN] },
  { seed: "000", line: 83, claim: "kubectl get pods lists pods.", proof: [SINGLE] },
  { seed: "000", line: 84, claim: "kubectl delete pod nginx deletes the pod.", proof: [DELETE] },
  {
    seed: "000",
    line: 86,
    claim: "kubectl describe pod myapp-pod describes everything about the pod.",
    proof: [SINGLE],
  },
  {
    seed: "000",
    line: 95,
    claim: "Control groups limit the cpu and memory a container's processes may use.",
    proof: [
      [
        "features/pods/lifecycle/logs-and-exec.feature",
        "exec sees the container's resource limits and memory",
      ],
      [
        "features/pods/lifecycle/resources.feature",
        "A container whose memory grows past its limit is OOM-killed",
      ],
    ],
  },
  {
    seed: "000",
    line: 99,
    claim: "Linux namespaces isolate processes and limit what they see.",
    reason:
      "Kernel isolation below the container runtime; the simulation models its visible effects only (next claim).",
  },
  {
    seed: "000",
    line: 101,
    claim: "Containers of a pod are isolated in everything but the network: network isolation is per pod.",
    proof: [SHARED_PORT, LOCALHOST],
  },

  // 001: kube-scheduler, kubelet, kube-proxy, pods
  { seed: "001", line: 7, claim: "The scheduler decides which pod goes on which node.", proof: [CREATION] },
  {
    seed: "001",
    line: 8,
    claim: "The kubelet, not the scheduler, actually runs the pod on the node.",
    proof: [CREATION],
  },
  {
    seed: "001",
    line: 11,
    claim: "The scheduler checks what each container needs and places the pod on a node that has it.",
    proof: [CPU_MEMORY, ["features/pods/unschedulable.feature", "Requesting more cpu than any node has"]],
  },
  {
    seed: "001",
    line: 12,
    claim: "The scheduler considers the nodes' cpu and memory capacity.",
    proof: [
      CPU_MEMORY,
      ["features/pods/unschedulable.feature", "Requests that fit only the node with the most memory"],
    ],
  },
  {
    seed: "001",
    line: 13,
    claim: "Nodes serve different purposes and the scheduler puts pods on the right ones.",
    proof: [["features/pods/node-selector.feature", "A GPU pod lands on the only labelled node"]],
  },
  {
    seed: "001",
    line: 16,
    claim:
      "Filtering: nodes that do not meet the pod's requirements (too little cpu or memory) are left out.",
    proof: [CPU_MEMORY, ["features/scheduling/explanation.feature", "The whole decision, printed"]],
  },
  {
    seed: "001",
    line: 17,
    claim:
      "Scoring: the remaining nodes are ranked and the one with the most resources left wins (the note says 0-10; v1.32 scores 0-100 per plugin).",
    proof: [LEAST_ALLOCATED, ["features/scheduling/explanation.feature", "The whole decision, printed"]],
  },
  {
    seed: "001",
    line: 21,
    claim: "kube-scheduler is installed from the release binaries and run as a service with a config file.",
    reason: "Installation steps, not cluster behaviour.",
  },
  {
    seed: "001",
    line: 31,
    claim:
      "With kubeadm, control-plane components run as static pods in kube-system from /etc/kubernetes/manifests.",
    proof: [
      STATIC,
      [
        "features/pods/lifecycle/static-pods.feature",
        "Removing the manifest stops the static pod and deletes its mirror",
      ],
    ],
  },
  {
    seed: "001",
    line: 38,
    claim: "ps -aux on the master shows kube-scheduler's process and options.",
    reason: "Host processes are outside the Kubernetes API the simulation serves.",
  },
  { seed: "001", line: 47, claim: "The kubelet registers its node with the cluster.", proof: [DAEMONSET] },
  {
    seed: "001",
    line: 48,
    claim: "The kubelet starts and removes the pods the scheduler assigns to its node.",
    proof: [CREATION, DELETE],
  },
  {
    seed: "001",
    line: 49,
    claim: "The kubelet regularly reports the node's and the containers' status to the apiserver.",
    proof: [
      NODE_FAILURE,
      [
        "features/pods/lifecycle/status-values.feature",
        "ContainerCreating while the image is pulled, then Running",
      ],
    ],
  },
  {
    seed: "001",
    line: 56,
    claim: "kubeadm does not install the kubelet; it is installed by hand and runs as a service.",
    reason: "Installation steps, not cluster behaviour.",
  },
  {
    seed: "001",
    line: 65,
    claim: "The kubelet's config file, certificates and TLS bootstrap.",
    reason:
      "Node set-up and authentication of a real kubelet; the simulated kubelets are trusted in-process clients.",
  },
  {
    seed: "001",
    line: 74,
    claim: "Every pod in the cluster can reach every other pod over the pod network.",
    proof: [POD_TO_POD],
  },
  {
    seed: "001",
    line: 81,
    claim: "A pod's IP may change, so applications reach each other through a Service, by name or IP.",
    proof: [DNS_BY_NAME, SVC_FAILOVER],
  },
  {
    seed: "001",
    line: 89,
    claim: "A Service is virtual: no container, it exists only in Kubernetes' memory and gets an IP.",
    proof: [SVC_TYPES, SVC_RULES],
  },
  {
    seed: "001",
    line: 92,
    claim:
      "kube-proxy on every node creates rules (iptables) that forward a Service's IP to its backend pods.",
    proof: [SVC_RULES],
  },
  {
    seed: "001",
    line: 99,
    claim: "kube-proxy is installed from the release binaries and run as a service.",
    reason: "Installation steps, not cluster behaviour.",
  },
  {
    seed: "001",
    line: 108,
    claim: "kubeadm deploys kube-proxy as a pod on every node.",
    proof: [
      ["features/cluster/addons.feature", "The add-ons in kube-system"],
      [
        "features/cluster/addons.feature",
        "Without its kube-proxy pod a node's rules go stale until the replacement runs",
      ],
    ],
  },
  {
    seed: "001",
    line: 113,
    claim: "kube-proxy is a DaemonSet: exactly one pod on each node of the cluster.",
    proof: [
      [
        "features/cluster/addons.feature",
        "A node that joins gets its kube-proxy, and with it the service rules",
      ],
      DAEMONSET,
    ],
  },
  {
    seed: "001",
    line: 128,
    claim: "Kubernetes does not run containers directly but wraps them in pods, the smallest object.",
    proof: [SINGLE],
  },
  {
    seed: "001",
    line: 140,
    claim: "To scale out, new pods are created; containers are not added to an existing pod.",
    proof: [RS_SCALE],
  },
  {
    seed: "001",
    line: 145,
    claim: "A pod can hold helper containers alongside the application.",
    proof: [
      [
        "features/pods/lifecycle/init-containers-and-sidecars.feature",
        "A sidecar starts before the next init container and counts in READY",
      ],
    ],
  },
  {
    seed: "001",
    line: 148,
    claim: "Containers of one pod are created and destroyed together and share network and storage.",
    proof: [MULTI, DELETE, EMPTYDIR, LOCALHOST],
  },
  {
    seed: "001",
    line: 155,
    claim: "Kubernetes sets up network and storage sharing between a pod's containers and monitors them.",
    proof: [
      EMPTYDIR,
      [
        "features/pods/lifecycle/probes.feature",
        "Liveness exec probe (the example from the Kubernetes documentation)",
      ],
    ],
  },
  {
    seed: "001",
    line: 163,
    claim: "kubectl run nginx --image=nginx creates a pod; kubectl get pods lists it.",
    proof: [RUN],
  },
  {
    seed: "001",
    line: 175,
    claim: "A manifest has apiVersion, kind, metadata (name, labels) and spec (containers).",
    proof: [SINGLE, ["features/kubectl/bad-input.feature", "A manifest without a kind"]],
  },
  {
    seed: "001",
    line: 194,
    claim: "kubectl create -f pod-definition.yaml creates the pod; get pods and describe pod show it.",
    proof: [SINGLE],
  },

  // 002: core concepts and components
  {
    seed: "002",
    line: 3,
    claim: "A pod is the smallest unit; usually one container, sometimes several working together.",
    proof: [SINGLE, MULTI],
  },
  {
    seed: "002",
    line: 4,
    claim: "A Service exposes an application running on a set of pods as a network service.",
    proof: [SVC_REQUEST],
  },
  {
    seed: "002",
    line: 5,
    claim: "A Deployment keeps the declared state: the number of pods, and heals them after failures.",
    proof: [ROLLOUT, RS_REPLACE],
  },
  {
    seed: "002",
    line: 6,
    claim: "Kubernetes checks the nodes' health and whether they have enough resources.",
    proof: [NODE_FAILURE, CPU_MEMORY],
  },
  { seed: "002", line: 13, claim: "Applications run on worker nodes.", proof: [FIRST_POD] },
  { seed: "002", line: 19, claim: "The kubelet receives pod specs from the API server.", proof: [CREATION] },
  {
    seed: "002",
    line: 20,
    claim: "The kubelet makes the pods on its node match their spec and corrects them when they do not.",
    proof: [
      ["features/pods/lifecycle/restart-policies.feature", "restartPolicy <policy>, exit code <code>"],
      [
        "features/pods/lifecycle/probes.feature",
        "Liveness HTTP probe against an application that turns unhealthy",
      ],
    ],
  },
  {
    seed: "002",
    line: 21,
    claim: "The kubelet reports the node's resources to the control plane for scheduling decisions.",
    proof: [
      ["features/pods/lifecycle/resources.feature", "The scheduler and describe node agree on what is left"],
    ],
  },
  {
    seed: "002",
    line: 22,
    claim: "The kubelet starts, stops and restarts pods through their lifecycle.",
    proof: [
      ["features/pods/lifecycle/restart-policies.feature", "restartPolicy <policy>, exit code <code>"],
      [
        "features/pods/lifecycle/termination.feature",
        "A program that handles the stop signal is gone at once",
      ],
    ],
  },
  {
    seed: "002",
    line: 23,
    claim: "The kubelet pulls images from the registry and mounts volumes.",
    proof: [["features/pods/lifecycle/image-pulls.feature", "A tag that does not exist"], EMPTYDIR],
  },
  {
    seed: "002",
    line: 25,
    claim: "The kubelet talks to the container runtime through the CRI.",
    reason:
      "An interface inside the node; the simulated runtime stands behind the kubelet the same way but the CRI calls are not observable through the API.",
  },
  {
    seed: "002",
    line: 31,
    claim: "kube-apiserver receives and handles every request; it is the gateway of all communication.",
    proof: [CREATION],
  },
  {
    seed: "002",
    line: 32,
    claim: "etcd is the key-value store of all configuration and state.",
    proof: [
      CREATION,
      ["features/api/faults.feature", "Requests fail during the outage and the cluster catches up after it"],
    ],
  },
  {
    seed: "002",
    line: 33,
    claim: "kube-scheduler picks nodes by resources and constraints and spreads work evenly.",
    proof: [
      CPU_MEMORY,
      [
        "features/scheduling/spreading.feature",
        "One pod per node, and the control-plane node counts as an empty domain",
      ],
    ],
  },
  {
    seed: "002",
    line: 34,
    claim: "kube-controller-manager runs the controllers that keep the current state at the desired state.",
    proof: [
      RS_REPLACE,
      [
        "features/nodes/operations.feature",
        "Without a scheduler new pods wait; without a controller-manager nothing is replaced",
      ],
    ],
  },
  {
    seed: "002",
    line: 35,
    claim: "cloud-controller-manager talks to the cloud provider.",
    reason: "The simulated cluster has no cloud provider.",
  },
  {
    seed: "002",
    line: 39,
    claim: "Every operation in the cluster is an API call, from kubectl or from components.",
    proof: [CREATION],
  },
  {
    seed: "002",
    line: 40,
    claim: "The API supports create, read, update and delete of every resource.",
    proof: [
      [
        "features/kubectl/create-and-describe.feature",
        "A namespace, a config map, a secret and a service account",
      ],
      [
        "features/api/patch-and-apply.feature",
        "A strategic merge patch changes one container by name and keeps the others",
      ],
      DELETE,
    ],
  },
  {
    seed: "002",
    line: 41,
    claim: "Declarative configuration from YAML or JSON files is made to hold.",
    proof: [
      [
        "features/api/patch-and-apply.feature",
        "kubectl apply removes what the manifest no longer has and keeps what others added",
      ],
    ],
  },
  {
    seed: "002",
    line: 45,
    claim: "kube-proxy routes and load-balances traffic to a Service's pods on every node.",
    proof: [SVC_RULES, SVC_SPREAD],
  },
  {
    seed: "002",
    line: 47,
    claim: "A Service gives a stable IP and port while its pods change.",
    proof: [SVC_FAILOVER],
  },
  {
    seed: "002",
    line: 48,
    claim: "kube-proxy is notified of new Services and their endpoints.",
    proof: [SVC_SCALE_DOWN],
  },
  { seed: "002", line: 49, claim: "kube-proxy does simple load balancing.", proof: [SVC_SPREAD] },

  // 003: pods, the creation flow, labels
  {
    seed: "003",
    line: 11,
    claim: "A pod is a group of containers that share storage and network, with a spec for running them.",
    proof: [EMPTYDIR, LOCALHOST],
  },
  {
    seed: "003",
    line: 12,
    claim: "A pod's contents are always placed and scheduled together, in a shared context.",
    proof: [MULTI],
  },
  {
    seed: "003",
    line: 36,
    claim:
      "The six steps of creating a pod: kubectl → kube-apiserver → etcd → kube-scheduler binds → etcd → kubelet runs and reports → etcd.",
    proof: [CREATION],
  },
  {
    seed: "003",
    line: 45,
    claim: "Containers of a pod share a network namespace, so two of them cannot use the same port.",
    proof: [SHARED_PORT],
  },
  {
    seed: "003",
    line: 46,
    claim: "Containers of a pod share the loopback interface and talk over localhost.",
    proof: [LOCALHOST],
  },
  {
    seed: "003",
    line: 47,
    claim: "Every pod can reach every other pod by its IP address.",
    proof: [POD_TO_POD],
  },
  {
    seed: "003",
    line: 51,
    claim: "A pod hosts one application; related processes only.",
    reason: "Design advice, not a behaviour of the cluster.",
  },
  {
    seed: "003",
    line: 53,
    claim: "The pod is the unit of scaling: scale out by adding pods.",
    proof: [RS_SCALE],
  },
  { seed: "003", line: 57, claim: "kubectl run / kubectl create -f create pods.", proof: [RUN, SINGLE] },
  {
    seed: "003",
    line: 58,
    claim: "kubectl edit pod / kubectl apply -f change a pod.",
    proof: [
      ["features/api/patch-and-apply.feature", "kubectl edit sends what the editor changed"],
      [
        "features/api/validation.feature",
        "A pod's spec is fixed except its images, and its uid can never change",
      ],
    ],
  },
  {
    seed: "003",
    line: 59,
    claim: "kubectl get pod NAME -o yaml prints the pod's YAML.",
    proof: [
      [
        "features/api/object-semantics.feature",
        "A pod is deleted gracefully: Terminating, then gone once its kubelet has stopped it",
      ],
      ["features/scheduling/scheduling-gates.feature", "A gated pod waits without events"],
    ],
  },
  {
    seed: "003",
    line: 60,
    claim: "kubectl get pods -o wide lists pods with more columns.",
    proof: [
      [
        "features/scheduling/preemption.feature",
        "The high-priority pod evicts the low one and takes its place",
      ],
      STATIC,
    ],
  },
  { seed: "003", line: 61, claim: "kubectl describe pod NAME details a pod.", proof: [SINGLE] },
  { seed: "003", line: 62, claim: "kubectl delete pod NAME deletes it.", proof: [DELETE] },
  {
    seed: "003",
    line: 63,
    claim: "kubectl logs NAME shows a pod's logs; -c picks the container.",
    proof: [
      ["features/pods/lifecycle/logs-and-exec.feature", "Logs, --tail and --timestamps"],
      [
        "features/pods/lifecycle/logs-and-exec.feature",
        "A multi-container pod: the default container, and -c",
      ],
    ],
  },
  {
    seed: "003",
    line: 101,
    claim: "Forwarding a local port to the pod's port 80 (kubectl port-forward).",
    reason:
      "kubectl port-forward needs a stream to a pod's network namespace; not simulated (the note's command line is also garbled).",
  },
  {
    seed: "003",
    line: 110,
    claim: "kubectl get nodes lists the nodes; kubectl label node NAME gpu=true labels one.",
    proof: [
      ["features/pods/node-selector.feature", "A GPU pod lands on the only labelled node"],
      ["features/nodes/maintenance.feature", "A cordoned node takes no new pods until it is uncordoned"],
    ],
  },
  {
    seed: "003",
    line: 124,
    claim: 'nodeSelector gpu: "true" places the pod only on nodes with that label.',
    proof: [
      ["features/pods/node-selector.feature", "A GPU pod lands on the only labelled node"],
      ["features/pods/node-selector.feature", "Without a matching node the pod stays Pending"],
    ],
  },
  {
    seed: "003",
    line: 133,
    claim: "Labels organize pods into groups by any criteria.",
    proof: [["features/pods/labels.feature", "Selecting pods with <selector>"]],
  },
  {
    seed: "003",
    line: 159,
    claim: "kubectl get po --show-labels shows the labels.",
    proof: [["features/pods/labels.feature", "--show-labels adds a LABELS column"]],
  },
  {
    seed: "003",
    line: 163,
    claim: "kubectl get po -L creation_method,env shows chosen labels as columns.",
    proof: [["features/pods/labels.feature", "-L shows chosen labels as columns"]],
  },
  {
    seed: "003",
    line: 167,
    claim: "kubectl label po NAME key=value adds a label.",
    proof: [["features/pods/labels.feature", "A label is added, and removed with key-"]],
  },
  {
    seed: "003",
    line: 171,
    claim: "Changing an existing label needs --overwrite.",
    proof: [["features/pods/labels.feature", "A label that exists is only changed with --overwrite"]],
  },
  {
    seed: "003",
    line: 174,
    claim: "kubectl get po -l selects pods by label: key=value, key, !key.",
    proof: [["features/pods/labels.feature", "Selecting pods with <selector>"]],
  },

  // 004: pods, namespaces, ReplicaSet, Deployment, Service, objects, nodes
  {
    seed: "004",
    line: 3,
    claim: "A pod is the smallest deployable unit, a set of one or more containers.",
    proof: [SINGLE, MULTI],
  },
  {
    seed: "004",
    line: 5,
    claim: "A pod has shared storage, network resources and a spec of how to run its containers.",
    proof: [EMPTYDIR, LOCALHOST],
  },
  {
    seed: "004",
    line: 6,
    claim: "READY 1/1: one container defined and ready; 2/2, 3/3 with more containers.",
    proof: [SINGLE, MULTI],
  },
  {
    seed: "004",
    line: 14,
    claim: "Several containers in one pod are tightly coupled and share resources.",
    proof: [EMPTYDIR],
  },
  {
    seed: "004",
    line: 16,
    claim: "A pod's containers share namespaces and file-system volumes.",
    proof: [EMPTYDIR, SHARED_PORT],
  },
  {
    seed: "004",
    line: 18,
    claim: "Extra containers that extend the main one are sidecar containers.",
    proof: [
      [
        "features/pods/lifecycle/init-containers-and-sidecars.feature",
        "A sidecar starts before the next init container and counts in READY",
      ],
    ],
  },
  {
    seed: "004",
    line: 23,
    claim: "Linux namespaces partition system resources between groups of processes.",
    reason: "Kernel isolation below the container runtime; not a Kubernetes API behaviour.",
  },
  {
    seed: "004",
    line: 26,
    claim:
      "A Kubernetes namespace groups and isolates cluster resources (pods, ReplicaSets, Deployments, Services).",
    proof: [
      ["features/api/namespaces.feature", "Terminating, no new content, a refused second delete, then gone"],
    ],
  },
  {
    seed: "004",
    line: 34,
    claim: "A ReplicaSet always keeps a set number of pods.",
    proof: [RS_REPLACE, RS_SCALE],
  },
  {
    seed: "004",
    line: 35,
    claim: "When a node fails, its pods are recreated on another node.",
    proof: [NODE_FAILURE],
  },
  {
    seed: "004",
    line: 36,
    claim: "New pods are made from the pod template.",
    proof: [
      RS_REPLACE,
      ["features/workloads/replicaset.feature", "A selector that does not match the template is refused"],
    ],
  },
  {
    seed: "004",
    line: 40,
    claim: "A Deployment is above ReplicaSets; creating one creates its ReplicaSet.",
    proof: [["features/kubectl/create-and-describe.feature", "A Deployment from the command line"]],
  },
  {
    seed: "004",
    line: 42,
    claim: "The deployment controller adjusts ReplicaSets and pods to the Deployment's spec.",
    proof: [
      ROLLOUT,
      [
        "features/workloads/deployment-rollout.feature",
        "Recreate stops every old pod before starting new ones",
      ],
    ],
  },
  { seed: "004", line: 48, claim: "A Service connects pods and exposes them.", proof: [SVC_REQUEST] },
  {
    seed: "004",
    line: 50,
    claim: "ClusterIP (the default type) is reachable only inside the cluster.",
    proof: [CLUSTER_IP_INSIDE],
  },
  {
    seed: "004",
    line: 54,
    claim: "NodePort exposes the Service on a port of every node's IP.",
    proof: [NODE_PORT],
  },
  {
    seed: "004",
    line: 58,
    claim: "LoadBalancer needs an external load balancer; Kubernetes provides none itself.",
    proof: [LB_PENDING, LB_ASSIGNED],
  },
  {
    seed: "004",
    line: 61,
    claim: "ExternalName exposes the Service as a host name.",
    proof: [EXTERNAL_NAME],
  },
  {
    seed: "004",
    line: 66,
    claim: "Kubernetes manages resources as objects; pods, services and the rest are all objects.",
    proof: [["features/api/api-resources.feature", "The full table"]],
  },
  {
    seed: "004",
    line: 71,
    claim: "The master node runs the API server, the controller manager and the scheduler.",
    proof: [
      CREATION,
      [
        "features/nodes/operations.feature",
        "Without a scheduler new pods wait; without a controller-manager nothing is replaced",
      ],
    ],
  },
  {
    seed: "004",
    line: 75,
    claim: "The master runs a DNS server for the cluster.",
    proof: [DNS_SEARCH, DNS_BY_NAME],
  },
  { seed: "004", line: 76, claim: "Application containers are created on worker nodes.", proof: [FIRST_POD] },
  {
    seed: "004",
    line: 77,
    claim: "Networking: kube-proxy and a network plugin.",
    proof: [POD_TO_POD, SVC_RULES],
  },
];
