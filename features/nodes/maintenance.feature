Feature: Node maintenance with cordon, drain and taint
  `kubectl cordon` marks a node unschedulable: it shows as Ready,SchedulingDisabled and new pods
  go elsewhere, while the pods already there keep running. `kubectl drain` cordons the node and
  evicts its pods, but refuses while the node runs DaemonSet pods (unless --ignore-daemonsets),
  pods with emptyDir data (unless --delete-emptydir-data) or pods no controller would recreate
  (unless --force). A NoSchedule taint keeps out every pod that does not tolerate it.

  Background:
    Given a cluster with 2 nodes
    When I apply:
      """
      apiVersion: apps/v1
      kind: DaemonSet
      metadata:
        name: agent
      spec:
        selector:
          matchLabels:
            app: agent
        template:
          metadata:
            labels:
              app: agent
          spec:
            containers:
            - name: agent
              image: busybox
              command: ["sleep", "infinity"]
      ---
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        replicas: 2
        selector:
          matchLabels:
            app: web
        template:
          metadata:
            labels:
              app: web
          spec:
            containers:
            - name: nginx
              image: nginx
              volumeMounts:
              - name: cache
                mountPath: /var/cache/nginx
            volumes:
            - name: cache
              emptyDir: {}
      """
    Then within 1 minute, 2 pods matching "app=web" are "Running"
    And 1 pod matching "app=web" on node "node-1" is "Running"
    And within 1 minute, 2 pods matching "app=agent" are "Running"

  Scenario: A cordoned node takes no new pods until it is uncordoned
    When I run "kubectl cordon node-1"
    Then the output is:
      """
      node/node-1 cordoned
      """
    When I run "kubectl cordon node-1"
    Then the output is:
      """
      node/node-1 already cordoned
      """
    When I run "kubectl get nodes"
    Then the output is:
      """
      NAME            STATUS                     ROLES           AGE   VERSION
      control-plane   Ready                      control-plane   5s    v1.32.0
      node-1          Ready,SchedulingDisabled   <none>          5s    v1.32.0
      node-2          Ready                      <none>          5s    v1.32.0
      """
    When I run "kubectl scale deployment web --replicas=4"
    Then within 1 minute, 4 pods matching "app=web" are "Running"
    And 1 pod matching "app=web" on node "node-1" is "Running"
    And 3 pods matching "app=web" on node "node-2" are "Running"
    When I run "kubectl uncordon node-1"
    Then the output is:
      """
      node/node-1 uncordoned
      """
    And node "node-1" is "Ready"
    When I run "kubectl scale deployment web --replicas=6"
    Then within 1 minute, 6 pods matching "app=web" are "Running"
    And 3 pods matching "app=web" on node "node-1" are "Running"

  Scenario: Drain refuses DaemonSet pods, emptyDir data and unmanaged pods until told otherwise
    Each refusal names the pods and the flag that overrides it; with several reasons at once
    kubectl lists them all (in no fixed order), so each step here meets one. The node stays
    cordoned after a refused drain.
    When I run "kubectl drain node-1 --delete-emptydir-data"
    Then the output is:
      """
      node/node-1 cordoned
      """
    And the error output is:
      """
      error: unable to drain node "node-1" due to error: cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): default/agent-bcvpb, kube-system/kube-proxy-pnggb, continuing command...
      There are pending nodes to be drained:
       node-1
      cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): default/agent-bcvpb, kube-system/kube-proxy-pnggb
      """
    And node "node-1" is "Ready,SchedulingDisabled"
    When I run "kubectl uncordon node-1"
    And I run:
      """
      kubectl apply -f -
      apiVersion: v1
      kind: Pod
      metadata:
        name: solo
      spec:
        nodeSelector:
          kubernetes.io/hostname: node-1
        containers:
        - name: nginx
          image: nginx
      """
    Then within 1 minute, pod "solo" is "Running"
    When I run "kubectl drain node-1 --ignore-daemonsets --delete-emptydir-data"
    Then the command fails with:
      """
      error: unable to drain node "node-1" due to error: cannot delete cannot delete Pods that declare no controller (use --force to override): default/solo, continuing command...
      There are pending nodes to be drained:
       node-1
      cannot delete cannot delete Pods that declare no controller (use --force to override): default/solo
      """
    When I run "kubectl delete pod solo"
    And I run "kubectl drain node-1 --ignore-daemonsets"
    Then the output is:
      """
      node/node-1 already cordoned
      """
    And the error output is:
      """
      error: unable to drain node "node-1" due to error: cannot delete Pods with local storage (use --delete-emptydir-data to override): default/web-fb9fc77c9-5mhv8, continuing command...
      There are pending nodes to be drained:
       node-1
      cannot delete Pods with local storage (use --delete-emptydir-data to override): default/web-fb9fc77c9-5mhv8
      """
    When I run "kubectl drain node-1 --ignore-daemonsets --delete-emptydir-data"
    Then the output is:
      """
      node/node-1 already cordoned
      evicting pod default/web-fb9fc77c9-5mhv8
      pod/web-fb9fc77c9-5mhv8 evicted
      node/node-1 drained
      """
    And the error output is:
      """
      Warning: ignoring DaemonSet-managed Pods: default/agent-bcvpb, kube-system/kube-proxy-pnggb
      """
    And within 1 minute, 2 pods matching "app=web" on node "node-2" are "Running"
    And 1 pod matching "app=agent" on node "node-1" is "Running"
    When I run "kubectl get nodes node-1"
    Then the output is:
      """
      NAME     STATUS                     ROLES    AGE   VERSION
      node-1   Ready,SchedulingDisabled   <none>   9s    v1.32.0
      """

  Scenario: A NoSchedule taint keeps out pods that do not tolerate it
    When I run "kubectl taint nodes node-1 app=blue:NoSchedule"
    Then the output is:
      """
      node/node-1 tainted
      """
    When I run "kubectl scale deployment web --replicas=4"
    Then within 1 minute, 4 pods matching "app=web" are "Running"
    And 1 pod matching "app=web" on node "node-1" is "Running"
    When I run:
      """
      kubectl apply -f -
      apiVersion: v1
      kind: Pod
      metadata:
        name: myapp-pod
        labels:
          app: myapp
      spec:
        nodeSelector:
          kubernetes.io/hostname: node-1
        containers:
        - name: nginx-container
          image: nginx
        tolerations:
        - key: "app"
          operator: "Equal"
          value: "blue"
          effect: "NoSchedule"
      """
    Then within 1 minute, pod "myapp-pod" is "Running"
    And pod "myapp-pod" runs on node "node-1"
    And node "node-1" has the taint "app=blue:NoSchedule"
    When I run "kubectl taint nodes node-1 app=blue:NoSchedule-"
    Then the output is:
      """
      node/node-1 untainted
      """
    And node "node-1" has no taint "app=blue:NoSchedule"
    When I run "kubectl scale deployment web --replicas=6"
    Then within 1 minute, 6 pods matching "app=web" are "Running"
    And 3 pods matching "app=web" on node "node-1" are "Running"
    When I run "kubectl taint nodes node-1 app=blue:NoSchedule-"
    Then the command fails with:
      """
      error: taint "app:NoSchedule" not found
      """
    When I run "kubectl taint nodes node-1 app=blue:NoRun"
    Then the command fails with:
      """
      error: invalid taint effect: NoRun, unsupported taint effect
      See 'kubectl taint -h' for help and examples
      """

  Scenario: An existing taint changes only with --overwrite
    When I run "kubectl taint nodes node-2 dedicated=db:NoSchedule"
    And I run "kubectl taint nodes node-2 dedicated=web:NoSchedule"
    Then the command fails with:
      """
      error: node node-2 already has dedicated taint(s) with same effect(s) and --overwrite is false
      """
    When I run "kubectl taint nodes node-2 dedicated=web:NoSchedule --overwrite"
    Then the output is:
      """
      node/node-2 modified
      """
    And node "node-2" has the taint "dedicated=web:NoSchedule"
    And node "node-2" has no taint "dedicated=db:NoSchedule"
    When I run "kubectl taint nodes node-2 dedicated-"
    Then the output is:
      """
      node/node-2 untainted
      """
