Feature: A pod whose requests fit no node stays Pending
  The scheduler filters out every node without enough free cpu or memory. When none is left the pod
  stays Pending with PodScheduled=False, and a FailedScheduling event says why, node by node.

  Scenario: Requesting more cpu than any node has
    Given a cluster with 2 nodes
    When I apply:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: greedy
      spec:
        containers:
        - name: app
          image: nginx
          resources:
            requests:
              cpu: "8"
              memory: 1Gi
      """
    Then for 1 minute, pod "greedy" is "Pending"
    When I run "kubectl describe pod greedy"
    Then the output contains:
      """
      Conditions:
        Type           Status
        PodScheduled   False
      """
    And the output contains:
      """
        Type     Reason            Age   From               Message
        ----     ------            ----  ----               -------
        Warning  FailedScheduling  60s   default-scheduler  0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.
      """
    When I run "kubectl get pod greedy -o wide"
    Then the output is:
      """
      NAME     READY   STATUS    RESTARTS   AGE   IP       NODE     NOMINATED NODE   READINESS GATES
      greedy   0/1     Pending   0          60s   <none>   <none>   <none>           <none>
      """

  Scenario: Requests that fit only the node with the most memory
    Given a cluster with nodes:
      | name   | cpu | memory |
      | small  | 2   | 2Gi    |
      | large  | 2   | 16Gi   |
    When I apply:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: cache
      spec:
        containers:
        - name: redis
          image: redis
          resources:
            requests:
              memory: 4Gi
      """
    Then within 1 minute, pod "cache" is "Running"
    And pod "cache" runs on node "large"
