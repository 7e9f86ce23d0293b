Feature: A node fails and its pods are rescheduled
  When a node stops sending heartbeats, the node lifecycle controller waits the
  node-monitor-grace-period (50 s in v1.32, checked every 5 s), then sets the node's conditions to
  Unknown, marks its pods not ready and taints it node.kubernetes.io/unreachable. Every pod
  tolerates that NoExecute taint for 300 s (DefaultTolerationSeconds), so five minutes later the
  taint-eviction controller deletes them. They stay Terminating, because nobody can confirm the
  containers stopped, while their ReplicaSet starts replacements on the healthy nodes. DaemonSet
  pods tolerate the taint forever and stay.

  Background:
    Given a cluster with 3 nodes
    When I apply:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        replicas: 3
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
      ---
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
      """
    Then within 1 minute, 3 pods matching "app=web" are "Running"
    And 1 pod matching "app=web" on node "node-1" is "Running"
    And within 1 minute, 3 pods matching "app=agent" are "Running"

  Scenario: Not ready after 50 seconds, evicted after 5 more minutes, replaced elsewhere
    When node "node-1" fails
    Then for 45 seconds, node "node-1" is "Ready"
    And within 15 seconds, node "node-1" is "NotReady"
    And node "node-1" has the taint "node.kubernetes.io/unreachable:NoSchedule"
    And 2 pods matching "app=web" are ready
    And 1 pod matching "app=web" is not ready
    And 1 pod matching "app=web" on node "node-1" is "Running"
    And within 1 second, node "node-1" has the taint "node.kubernetes.io/unreachable:NoExecute"
    When I run "kubectl get nodes"
    Then the output is:
      """
      NAME            STATUS     ROLES           AGE   VERSION
      control-plane   Ready      control-plane   60s   v1.32.0
      node-1          NotReady   <none>          60s   v1.32.0
      node-2          Ready      <none>          60s   v1.32.0
      node-3          Ready      <none>          60s   v1.32.0
      """
    Then for 4m50s, 1 pod matching "app=web" on node "node-1" is "Running"
    And within 15 seconds, 1 pod matching "app=web" on node "node-1" is "Terminating"
    And within 30 seconds, 3 pods matching "app=web" are "Running"
    And 0 pods matching "app=web" on node "node-1" are "Running"
    And for 10 minutes, 1 pod matching "app=agent" on node "node-1" is "Running"
    And 1 pod matching "app=web" on node "node-1" is "Terminating"

  Scenario: A shorter toleration evicts sooner
    When I run "kubectl delete deployment web"
    And I apply:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: impatient
        labels:
          app: impatient
      spec:
        nodeName: node-1
        tolerations:
        - key: node.kubernetes.io/unreachable
          operator: Exists
          effect: NoExecute
          tolerationSeconds: 60
        containers:
        - name: nginx
          image: nginx
      """
    Then within 30 seconds, pod "impatient" is "Running"
    When node "node-1" fails
    Then within 1 minute, node "node-1" has the taint "node.kubernetes.io/unreachable:NoExecute"
    And for 55 seconds, pod "impatient" is "Running"
    And within 10 seconds, pod "impatient" is "Terminating"
    When I run "kubectl get events --field-selector involvedObject.name=impatient,reason=TaintManagerEviction"
    Then the output contains "Marking for deletion Pod default/impatient"

  Scenario: A partitioned node comes back and stops the pods that were replaced meanwhile
    When node "node-1" is partitioned from the control plane
    Then within 1 minute, node "node-1" is "NotReady"
    And within 6 minutes, 1 pod matching "app=web" on node "node-1" is "Terminating"
    And within 30 seconds, 3 pods matching "app=web" are "Running"
    When node "node-1" recovers
    Then within 10 seconds, node "node-1" is "Ready"
    And within 10 seconds, 0 pods matching "app=web" on node "node-1" are "Terminating"
    And 3 pods matching "app=web" are "Running"
    And within 10 seconds, node "node-1" has no taint "node.kubernetes.io/unreachable:NoExecute"
    And node "node-1" has no taint "node.kubernetes.io/unreachable:NoSchedule"
    And 1 pod matching "app=agent" on node "node-1" is "Running"

  Scenario: A failed node that boots again runs its pods again, each container restarted once
    The machine lost its containers but not its disk: the kubelet re-registers, the pods that were
    still bound to it get new sandboxes (new IPs), and each container's restart count continues
    from the log files it left (calcRestartCountByLogDir).
    When node "node-1" fails
    Then within 1 minute, node "node-1" is "NotReady"
    When 1 minute passes
    And node "node-1" recovers
    Then within 1 minute, node "node-1" is "Ready"
    And within 30 seconds, 3 pods matching "app=web" are "Running"
    When I run "kubectl get pods -o wide"
    Then the output is:
      """
      NAME                   READY   STATUS    RESTARTS   AGE    IP           NODE     NOMINATED NODE   READINESS GATES
      agent-5mhv8            1/1     Running   0          2m2s   10.244.3.2   node-3   <none>           <none>
      agent-b5wft            1/1     Running   0          2m2s   10.244.2.2   node-2   <none>           <none>
      agent-bcvpb            1/1     Running   1          2m2s   10.244.1.4   node-1   <none>           <none>
      web-6645fd9b74-562cr   1/1     Running   0          2m2s   10.244.2.3   node-2   <none>           <none>
      web-6645fd9b74-bczxt   1/1     Running   0          2m2s   10.244.3.3   node-3   <none>           <none>
      web-6645fd9b74-hmzvd   1/1     Running   1          2m2s   10.244.1.5   node-1   <none>           <none>
      """
