Feature: Node affinity chooses nodes by their labels
  `requiredDuringSchedulingIgnoredDuringExecution` node affinity works like a richer nodeSelector:
  its terms are ORed, the expressions inside a term ANDed, with the operators In, NotIn, Exists,
  DoesNotExist, Gt and Lt. `preferredDuringSchedulingIgnoredDuringExecution` terms only add their
  weights to a node's score (normalised so the best node gets 100, then doubled: NodeAffinity
  weighs 2).

  Scenario: The seed notes' pod requires a Large node
    Given a cluster with nodes:
      | name   | labels     |
      | node-1 | size=Small |
      | node-2 | size=Large |
      | node-3 | size=Small |
    When I apply:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: myapp-pod
      spec:
        containers:
        - name: nginx-container
          image: nginx
        affinity:
          nodeAffinity:
            requiredDuringSchedulingIgnoredDuringExecution:
              nodeSelectorTerms:
              - matchExpressions:
                - key: size
                  operator: In
                  values:
                  - Large
      """
    Then within 30 seconds, pod "myapp-pod" is "Running"
    And pod "myapp-pod" runs on node "node-2"

  Scenario: Without a matching node the pod waits, and preemption cannot help
    Given a cluster with nodes:
      | name   | labels     |
      | node-1 | size=Small |
      | node-2 | size=Small |
    When I apply:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: myapp-pod
      spec:
        containers:
        - name: nginx-container
          image: nginx
        affinity:
          nodeAffinity:
            requiredDuringSchedulingIgnoredDuringExecution:
              nodeSelectorTerms:
              - matchExpressions:
                - key: size
                  operator: In
                  values:
                  - Large
      """
    Then for 1 minute, pod "myapp-pod" is "Pending"
    When I run "kubectl get pod myapp-pod -o yaml"
    Then the output contains:
      """
        conditions:
        - lastProbeTime: null
          lastTransitionTime: "2025-03-01T09:00:00Z"
          message: '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane:
            }, 2 node(s) didn''t match Pod''s node affinity/selector. preemption: 0/3 nodes
            are available: 3 Preemption is not helpful for scheduling.'
          reason: Unschedulable
          status: "False"
          type: PodScheduled
        phase: Pending
      """

  Scenario: Terms are ORed, expressions ANDed, Gt compares integers
    Given a cluster with nodes:
      | name   | labels                |
      | node-1 | cores=4,disktype=ssd  |
      | node-2 | cores=16              |
      | node-3 | cores=32,disktype=ssd |
    When I apply:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: compute
      spec:
        containers:
        - name: app
          image: nginx
        affinity:
          nodeAffinity:
            requiredDuringSchedulingIgnoredDuringExecution:
              nodeSelectorTerms:
              - matchExpressions:
                - key: cores
                  operator: Gt
                  values: ["8"]
                - key: disktype
                  operator: DoesNotExist
              - matchExpressions:
                - key: cores
                  operator: Lt
                  values: ["2"]
      """
    Then within 30 seconds, pod "compute" runs on node "node-2"
    And the scheduling of pod "compute" is explained as:
      | node          | filter                                                                                    |
      | control-plane | TaintToleration: node(s) had untolerated taint {node-role.kubernetes.io/control-plane: } |
      | node-1        | NodeAffinity: node(s) didn't match Pod's node affinity/selector                          |
      | node-2        | passed                                                                                    |
      | node-3        | NodeAffinity: node(s) didn't match Pod's node affinity/selector                          |

  Scenario: Preferred terms add their weights
    Given a cluster with nodes:
      | name   | labels       |
      | node-1 | zone=a       |
      | node-2 | disktype=ssd |
      | node-3 |              |
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
        affinity:
          nodeAffinity:
            preferredDuringSchedulingIgnoredDuringExecution:
            - weight: 80
              preference:
                matchExpressions:
                - key: zone
                  operator: In
                  values: ["a"]
            - weight: 20
              preference:
                matchExpressions:
                - key: disktype
                  operator: In
                  values: ["ssd"]
      """
    Then within 30 seconds, pod "web" runs on node "node-1"
    And the scheduling of pod "web" is explained as:
      | node          | NodeAffinity derivation | total | chosen |
      | control-plane |                         |       |        |
      | node-1        | 80→100×2=200            | 695   | yes    |
      | node-2        | 20→25×2=50              | 545   |        |
      | node-3        | 0→0×2=0                 | 495   |        |

  Scenario: Pinning a pod to a node by name with matchFields
    Given a cluster with 3 nodes
    When I apply:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: pinned
      spec:
        containers:
        - name: app
          image: nginx
        affinity:
          nodeAffinity:
            requiredDuringSchedulingIgnoredDuringExecution:
              nodeSelectorTerms:
              - matchFields:
                - key: metadata.name
                  operator: In
                  values: ["node-3"]
      """
    Then within 30 seconds, pod "pinned" runs on node "node-3"
    And the scheduling of pod "pinned" is explained as:
      | node   | filter | chosen |
      | node-3 | passed | yes    |
