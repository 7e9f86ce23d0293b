Feature: Placing a pod on chosen nodes with nodeSelector
  Label the nodes that have a GPU, and a pod with `nodeSelector: {gpu: "true"}` is scheduled only
  onto one of them. Without a matching node it waits in Pending.

  Scenario: A GPU pod lands on the only labelled node
    Given a cluster with 3 nodes
    When I run "kubectl label node node-2 gpu=true"
    Then the output is:
      """
      node/node-2 labeled
      """
    When I apply:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: cuda
      spec:
        nodeSelector:
          gpu: "true"
        containers:
        - name: nginx
          image: nginx:1.14.2
      """
    Then within 30 seconds, pod "cuda" is "Running"
    And pod "cuda" runs on node "node-2"

  Scenario: Without a matching node the pod stays Pending
    Given a cluster with nodes:
      | name   | labels    |
      | node-1 | size=Small |
    When I apply:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: cuda
      spec:
        nodeSelector:
          gpu: "true"
        containers:
        - name: nginx
          image: nginx
      """
    Then for 5 minutes, pod "cuda" is "Pending"
    When I run "kubectl get events --field-selector involvedObject.name=cuda"
    Then the output contains "0/2 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling."
