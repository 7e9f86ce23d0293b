/**
 * The kubectl parity corpus: command lines run in order against two identical clusters, once
 * through the built-in kubectl and once through the real `kubectl` against `kubespec serve`.
 * Every entry is data; the runner (parity.test.ts) compares stdout, stderr and exit codes.
 */

/** One command of the corpus. */
export interface ParityEntry {
  /** The command line, starting with `kubectl`. */
  command: string;
  /** Text given on standard input (for `-f -`). */
  stdin?: string;
}

/** Manifest files the corpus refers to, written to the working directory of both runs. */
export const PARITY_FILES: Readonly<Record<string, string>> = {
  "web.yaml": `apiVersion: v1
kind: Pod
metadata:
  name: web
  labels:
    app: web
    tier: frontend
spec:
  containers:
  - name: web
    image: nginx:1.27
    ports:
    - containerPort: 80
`,
  "web-changed.yaml": `apiVersion: v1
kind: Pod
metadata:
  name: web
  labels:
    app: web
    tier: backend
spec:
  containers:
  - name: web
    image: nginx:1.27
    ports:
    - containerPort: 80
`,
  "config.yaml": `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  mode: fast
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: limits
  labels:
    app: web
data:
  max: "10"
`,
  "unknown-field.yaml": `apiVersion: v1
kind: Pod
metadata:
  name: typo
spec:
  containers:
  - name: typo
    image: nginx
    imagePullPolice: Always
`,
  "malformed.yaml": `apiVersion: v1
kind: Pod
metadata:
  name: broken
   labels: nope
`,
  "unknown-kind.yaml": `apiVersion: v1
kind: Pdo
metadata:
  name: typo
`,
  "invalid-name.yaml": `apiVersion: v1
kind: ConfigMap
metadata:
  name: Not_Valid
`,
  "names.jsonpath": `{range .items[*]}{.metadata.name}{"\\t"}{.spec.nodeName}{"\\n"}{end}`,
  "deploy.yaml": `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  labels:
    app: api
spec:
  replicas: 2
  selector:
    matchLabels:
      app: api
  template:
    metadata:
      labels:
        app: api
    spec:
      containers:
      - name: api
        image: nginx:1.27
`,
};

/**
 * The commands, in the order they run. State-changing commands run on both clusters, so every
 * later command sees the same state in both runs.
 */
export const PARITY_CORPUS: readonly ParityEntry[] = [
  // ---- reading an empty namespace, and errors of get ----
  { command: "kubectl get pods" },
  { command: "kubectl get pods -A" },
  { command: "kubectl get nodes" },
  { command: "kubectl get nodes -o wide" },
  { command: "kubectl get no --show-labels" },
  { command: "kubectl get nodes -L kubernetes.io/hostname" },
  { command: "kubectl get namespaces" },
  { command: "kubectl get ns default -o name" },
  { command: "kubectl get ns kube-system -o yaml" },
  { command: "kubectl get ns kube-public -o json" },
  { command: "kubectl get foo" },
  { command: "kubectl get pod missing" },
  { command: "kubectl get pod missing --ignore-not-found" },
  { command: "kubectl get" },
  { command: "kubectl get pods -o bogus" },
  { command: "kubectl get pods --bogus-flag" },
  { command: "kubectl get pods -l 'app in (web'" },
  { command: "kubectl get pods --field-selector spec.bogus=x" },
  { command: "kubectl get serviceaccounts" },
  { command: "kubectl get sa default -o yaml" },
  // ---- creating ----
  { command: "kubectl run nginx --image=nginx" },
  { command: "kubectl run nginx --image=nginx" },
  { command: "kubectl run probe --image=busybox --restart=Never --labels=app=probe,team=qa" },
  { command: "kubectl run dry --image=nginx --dry-run=client -o yaml" },
  { command: "kubectl run bad --image=nginx --restart=Sometimes" },
  { command: "kubectl create -f web.yaml" },
  { command: "kubectl create -f web.yaml" },
  { command: "kubectl create -f config.yaml" },
  { command: "kubectl create -f unknown-field.yaml" },
  { command: "kubectl create -f unknown-field.yaml --validate=false" },
  { command: "kubectl create -f malformed.yaml" },
  { command: "kubectl create -f unknown-kind.yaml" },
  { command: "kubectl create -f invalid-name.yaml" },
  { command: "kubectl create -f missing.yaml" },
  {
    command: "kubectl create -f -",
    stdin: "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-stdin\ndata:\n  a: b\n",
  },
  // ---- applying ----
  { command: "kubectl apply -f deploy.yaml" },
  { command: "kubectl apply -f deploy.yaml" },
  { command: "kubectl apply -f web-changed.yaml" },
  { command: "kubectl apply -f web-changed.yaml" },
  { command: "kubectl apply -f malformed.yaml" },
  { command: "kubectl apply -f unknown-kind.yaml" },
  { command: "kubectl apply -f unknown-field.yaml" },
  {
    command: "kubectl apply -f -",
    stdin: "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: applied\ndata:\n  k: v\n",
  },
  // ---- reading what exists ----
  { command: "kubectl get pods" },
  { command: "kubectl get pods -o wide" },
  { command: "kubectl get pods --show-labels" },
  { command: "kubectl get pods -l app=web" },
  { command: "kubectl get pods -l 'app in (web,probe)' -L app,team" },
  { command: "kubectl get pods --no-headers" },
  { command: "kubectl get pods -o name" },
  { command: "kubectl get pods -A" },
  { command: "kubectl get pod web -o yaml" },
  { command: "kubectl get pod web -o json" },
  { command: "kubectl get pod/web pod/nginx" },
  { command: "kubectl get pods,configmaps" },
  { command: "kubectl get configmaps" },
  { command: "kubectl get cm settings -o yaml" },
  { command: "kubectl get cm applied -o yaml" },
  { command: "kubectl get deployments" },
  { command: "kubectl get deploy api -o yaml" },
  { command: "kubectl get all" },
  { command: "kubectl get events" },
  { command: "kubectl get pods -n kube-system" },
  { command: "kubectl get leases -n kube-node-lease" },
  // ---- describe ----
  { command: "kubectl describe pod web" },
  { command: "kubectl describe pods -l app=probe" },
  { command: "kubectl describe pod missing" },
  { command: "kubectl describe node node-1" },
  { command: "kubectl get pods -n kube-system -o wide" },
  { command: "kubectl describe node control-plane" },
  { command: "kubectl describe pod kube-scheduler-control-plane -n kube-system" },
  { command: "kubectl describe deployment api" },
  { command: "kubectl describe" },
  // ---- labels and annotations ----
  { command: "kubectl label pod web env=prod" },
  { command: "kubectl label pod web env=dev" },
  { command: "kubectl label pod web env=dev --overwrite" },
  { command: "kubectl label pod web env-" },
  { command: "kubectl label pod web missing-" },
  { command: "kubectl label pods -l app=probe checked=yes" },
  { command: "kubectl label pod web 'bad key=x'" },
  { command: "kubectl label pod missing a=b" },
  { command: "kubectl get pods --show-labels" },
  { command: "kubectl annotate pod web note=hello" },
  { command: "kubectl annotate pod web note-" },
  // ---- scaling and rollouts ----
  { command: "kubectl scale deployment api --replicas=3" },
  { command: "kubectl scale deployment missing --replicas=3" },
  { command: "kubectl get deployment api -o jsonpath={.spec.replicas}" },
  { command: "kubectl get pods -o 'jsonpath={.items[*].metadata.name}'" },
  {
    command:
      "kubectl get pods -A -o 'jsonpath={range .items[*]}{.metadata.namespace}/{.metadata.name}{\"\\n\"}{end}'",
  },
  { command: "kubectl get nodes -o 'jsonpath={.items[?(@.metadata.name==\"node-1\")].status.capacity}'" },
  { command: "kubectl get pod web -o 'jsonpath={.metadata.labels.app} {.spec.containers[-1].image}'" },
  { command: "kubectl get nodes -o 'jsonpath={.items[0].metadata.labels.kubernetes\\.io/hostname}'" },
  { command: "kubectl get pods -o jsonpath-file=names.jsonpath" },
  { command: "kubectl get pods -o 'jsonpath={.items[0'" },
  { command: "kubectl get pods -o 'jsonpath={range .items[*]}{end}{end}'" },
  { command: "kubectl get pods -o jsonpath" },
  { command: "kubectl get pods -o 'jsonpath-as-json={.items[*].metadata.labels}'" },
  { command: "kubectl get pods -o=jsonpath={.items[0].metadata.name}" },
  { command: "kubectl get nodes -o jsonpath --template={.items[1].spec.podCIDR}" },
  { command: "kubectl create deployment jp --image=nginx --dry-run=client -o jsonpath={.spec.replicas}" },
  { command: "kubectl create namespace jpns --dry-run=client -o 'jsonpath={.metadata}'" },
  { command: "kubectl run jp --image=nginx --dry-run=client -o 'jsonpath={.spec.containers[0].image}'" },
  { command: "kubectl rollout status deployment api --timeout=1s" },
  { command: "kubectl rollout history deployment api" },
  // ---- logs ----
  { command: "kubectl logs web" },
  { command: "kubectl logs missing" },
  { command: "kubectl logs web -c nope" },
  // ---- discovery and schema ----
  { command: "kubectl api-resources" },
  { command: "kubectl api-resources --namespaced=false" },
  { command: "kubectl api-versions" },
  { command: "kubectl explain pods" },
  { command: "kubectl explain pods.spec.restartPolicy" },
  { command: "kubectl explain deployments.spec.replicas" },
  { command: "kubectl explain foo" },
  { command: "kubectl explain pods.spec.containers --recursive" },
  { command: "kubectl explain deployments.apps.spec.strategy" },
  { command: "kubectl explain cj.spec.jobTemplate.spec.template.spec.nope" },
  { command: "kubectl explain pods --api-version=apps/v1" },
  { command: "kubectl explain pods -o yaml" },
  { command: "kubectl explain" },
  // ---- deleting ----
  { command: "kubectl delete pod missing" },
  { command: "kubectl delete pod missing --ignore-not-found" },
  { command: "kubectl delete configmap settings limits" },
  { command: "kubectl delete cm -l app=web" },
  { command: "kubectl delete pod nginx" },
  { command: "kubectl delete -f web-changed.yaml" },
  { command: "kubectl delete pods" },
  { command: "kubectl delete pods --all --wait=false" },
  { command: "kubectl get configmaps" },
  { command: "kubectl get pods" },
];
