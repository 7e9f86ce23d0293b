Feature: Resource requests decide where a pod fits and which node it prefers
  NodeResourcesFit filters out every node that lacks the cpu, memory or pod slots a pod requests
  (counting the requests of the pods already there, not their actual use). Among the nodes that
  fit, the default LeastAllocated strategy prefers the one with the most room left, and
  NodeResourcesBalancedAllocation prefers nodes whose cpu and memory would be used evenly.

  Scenario: Not enough cpu on one node, not enough memory on the other
    Given a cluster with nodes:
      | name   | cpu | memory |
      | node-1 | 2   | 8Gi    |
      | node-2 | 8   | 2Gi    |
    When I apply:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: hungry
      spec:
        containers:
        - name: app
          image: nginx
          resources:
            requests:
              cpu: "3"
              memory: 3Gi
      """
    Then for 1 minute, pod "hungry" is "Pending"
    When I run "kubectl get events --field-selector reason=FailedScheduling"
    Then the output is:
      """
      LAST SEEN   TYPE      REASON             OBJECT       MESSAGE
      60s         Warning   FailedScheduling   pod/hungry   0/3 nodes are available: 1 Insufficient cpu, 1 Insufficient memory, 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.
      """
    And the scheduling of pod "hungry" is explained as:
      | node          | filter                                                                                    |
      | control-plane | TaintToleration: node(s) had untolerated taint {node-role.kubernetes.io/control-plane: } |
      | node-1        | NodeResourcesFit: Insufficient cpu                                                        |
      | node-2        | NodeResourcesFit: Insufficient memory                                                     |

  Scenario: A node full of pods takes no more (Too many pods)
    The node's kube-proxy pod (DaemonSet kube-proxy) takes one of its three pod slots.
    Given a cluster with nodes:
      | name   | pods |
      | node-1 | 3    |
    When I run "kubectl run one --image=nginx"
    And I run "kubectl run two --image=nginx"
    And I run "kubectl run three --image=nginx"
    Then within 30 seconds, 2 pods matching "run in (one,two,three)" are "Running"
    And for 1 minute, pod "three" is "Pending"
    When I run "kubectl describe pod three"
    Then the output contains:
      """
        Warning  FailedScheduling  64s   default-scheduler  0/2 nodes are available: 1 Too many pods, 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }. preemption: 0/2 nodes are available: 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling.
      """

  Scenario: Without requests a pod still counts 100m cpu and 200Mi memory when nodes are scored
    Given a cluster with nodes:
      | name   | cpu | memory |
      | node-1 | 4   | 8Gi    |
    When I run "kubectl run tiny --image=nginx"
    Then within 10 seconds, pod "tiny" runs on node "node-1"
    When I apply:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: guaranteed
      spec:
        containers:
        - name: app
          image: nginx
          resources:
            requests:
              cpu: "4"
              memory: 1Gi
      """
    Then within 10 seconds, pod "guaranteed" runs on node "node-1"

  Scenario: LeastAllocated prefers the node with the most free capacity
    Given a cluster with nodes:
      | name   | cpu | memory |
      | small  | 2   | 4Gi    |
      | medium | 4   | 8Gi    |
      | large  | 8   | 16Gi   |
    When I apply:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: web
      spec:
        containers:
        - name: app
          image: nginx
          resources:
            requests:
              cpu: "1"
              memory: 1Gi
      """
    Then within 10 seconds, pod "web" runs on node "large"
    And the scheduling of pod "web" is explained as:
      | node          | filter                                                                                    | NodeResourcesFit derivation | NodeResourcesBalancedAllocation | TaintToleration | total | chosen |
      | control-plane | TaintToleration: node(s) had untolerated taint {node-role.kubernetes.io/control-plane: } |                             |                                 |                 |       |        |
      | large         | passed                                                                                    | 89→89×1=89                  | 96                              | 300             | 485   | yes    |
      | medium        | passed                                                                                    | 78→78×1=78                  | 93                              | 300             | 471   |        |
      | small         | passed                                                                                    | 57→57×1=57                  | 87                              | 300             | 444   |        |

  Scenario: A second scheduler with MostAllocated packs pods onto the fullest node
    Given a cluster with nodes:
      | name   | cpu | memory |
      | small  | 2   | 4Gi    |
      | medium | 4   | 8Gi    |
      | large  | 8   | 16Gi   |
    And a scheduler named "bin-packer" scoring with "MostAllocated" is running
    When I apply:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: batch
      spec:
        schedulerName: bin-packer
        containers:
        - name: app
          image: nginx
          resources:
            requests:
              cpu: "1"
              memory: 1Gi
      """
    Then within 10 seconds, pod "batch" runs on node "small"
    And the scheduling of pod "batch" is explained as:
      | node          | filter                                                                                    | NodeResourcesFit | total | chosen |
      | control-plane | TaintToleration: node(s) had untolerated taint {node-role.kubernetes.io/control-plane: } |                  |       |        |
      | large         | passed                                                                                    | 10               | 406   |        |
      | medium        | passed                                                                                    | 21               | 414   |        |
      | small         | passed                                                                                    | 42               | 429   | yes    |

  Scenario: Extended resources are requested like cpu and memory
    Given a cluster with 2 nodes
    When I apply:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: cuda
      spec:
        containers:
        - name: app
          image: nginx
          resources:
            limits:
              nvidia.com/gpu: 1
      """
    Then for 30 seconds, pod "cuda" is "Pending"
    When I run "kubectl get events --field-selector involvedObject.name=cuda"
    Then the output contains "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient nvidia.com/gpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod."
