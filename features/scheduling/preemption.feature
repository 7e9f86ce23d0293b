Feature: Higher-priority pods preempt lower-priority ones
  A PriorityClass gives pods a priority. When a pod fits no node, DefaultPreemption looks for a node
  where evicting lower-priority pods would make room, marks those victims with the condition
  `DisruptionTarget` (reason `PreemptionByScheduler`) and deletes them gracefully, and nominates the
  node for the pod (`status.nominatedNodeName`, the NOMINATED NODE column). Once the victims are
  gone the pod binds there. The nomination stays on the pod (v1.32 does not clear it).

  Background:
    Given a cluster with nodes:
      | name   | cpu | memory |
      | node-1 | 2   | 4Gi    |
    When I apply:
      """
      apiVersion: scheduling.k8s.io/v1
      kind: PriorityClass
      metadata:
        name: high-priority
      value: 1000000
      description: "For pods that must run."
      ---
      apiVersion: v1
      kind: Pod
      metadata:
        name: low
      spec:
        containers:
        - name: app
          image: nginx
          resources:
            requests:
              cpu: 1500m
      """
    Then within 30 seconds, pod "low" is "Running"

  Scenario: The high-priority pod evicts the low one and takes its place
    When I apply:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: high
      spec:
        priorityClassName: high-priority
        containers:
        - name: app
          image: nginx
          resources:
            requests:
              cpu: "1"
      """
    And I run "kubectl get pods -o wide"
    Then the output is:
      """
      NAME   READY   STATUS        RESTARTS   AGE   IP           NODE     NOMINATED NODE   READINESS GATES
      high   0/1     Pending       0          0s    <none>       <none>   node-1           <none>
      low    1/1     Terminating   0          4s    10.244.1.2   node-1   <none>           <none>
      """
    When I run "kubectl describe pod high"
    Then the output contains:
      """
      Priority:             1000000
      Priority Class Name:  high-priority
      """
    And the output contains:
      """
      NominatedNodeName:    node-1
      """
    And the output contains:
      """
        Warning  FailedScheduling  0s    default-scheduler  0/2 nodes are available: 1 Insufficient cpu, 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }.
      """
    When I run "kubectl describe pod low"
    Then the output contains:
      """
        DisruptionTarget            True 
      """
    And the output contains "Normal  Preempted  0s    default-scheduler  Preempted by pod "
    And the output contains " on node node-1"
    When I run "kubectl get pod low -o yaml"
    Then the output contains:
      """
        - lastProbeTime: null
          lastTransitionTime: "2025-03-01T09:00:04Z"
          message: 'default-scheduler: preempting to accommodate a higher priority pod'
          reason: PreemptionByScheduler
          status: "True"
          type: DisruptionTarget
      """
    And within 1 minute, pod "high" is "Running"
    And pod "high" runs on node "node-1"
    When I run "kubectl get pods -o wide"
    Then the output is:
      """
      NAME   READY   STATUS    RESTARTS   AGE   IP           NODE     NOMINATED NODE   READINESS GATES
      high   1/1     Running   0          4s    10.244.1.3   node-1   node-1           <none>
      """
    And the scheduling of pod "high" is explained as:
      | node   | filter | chosen |
      | node-1 | passed | yes    |

  Scenario: A pod with preemptionPolicy Never waits instead
    When I apply:
      """
      apiVersion: scheduling.k8s.io/v1
      kind: PriorityClass
      metadata:
        name: high-no-preempt
      value: 1000000
      preemptionPolicy: Never
      ---
      apiVersion: v1
      kind: Pod
      metadata:
        name: polite
      spec:
        priorityClassName: high-no-preempt
        containers:
        - name: app
          image: nginx
          resources:
            requests:
              cpu: "1"
      """
    Then for 1 minute, pod "polite" is "Pending"
    And pod "low" is "Running"
    When I run "kubectl get events --field-selector involvedObject.name=polite"
    Then the output contains "0/2 nodes are available: 1 Insufficient cpu, 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }. preemption: not eligible due to preemptionPolicy=Never."

  Scenario: A pod of equal priority finds no victims
    When I apply:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: peer
      spec:
        containers:
        - name: app
          image: nginx
          resources:
            requests:
              cpu: "1"
      """
    Then for 1 minute, pod "peer" is "Pending"
    When I run "kubectl get events --field-selector involvedObject.name=peer"
    Then the output contains "0/2 nodes are available: 1 Insufficient cpu, 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }. preemption: 0/2 nodes are available: 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling."
