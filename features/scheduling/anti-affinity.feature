Feature: Pod affinity and anti-affinity place pods by the pods already running
  Required pod anti-affinity keeps a pod out of every topology domain (here: node) that runs a pod
  matching its selector, and an existing pod's anti-affinity keeps matching newcomers away from it.
  Required pod affinity needs a matching pod in the same domain. Preferred terms only move scores.

  Scenario: Three replicas that refuse to share a node, on two workers
    Given a cluster with 2 nodes
    When I apply the pods "cache-1, cache-2, cache-3" with:
      """
      affinity:
        podAntiAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
          - labelSelector:
              matchLabels:
                app: cache
            topologyKey: kubernetes.io/hostname
      """
    Then within 30 seconds, 2 pods matching "app=cache" are "Running"
    And pod "cache-3" is "Pending"
    And the scheduling of pod "cache-3" is explained as:
      | node          | filter                                                                                    |
      | control-plane | TaintToleration: node(s) had untolerated taint {node-role.kubernetes.io/control-plane: } |
      | node-1        | InterPodAffinity: node(s) didn't match pod anti-affinity rules                           |
      | node-2        | InterPodAffinity: node(s) didn't match pod anti-affinity rules                           |
    When I run "kubectl get events --field-selector involvedObject.name=cache-3"
    Then the output contains "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn't match pod anti-affinity rules. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod."

  Scenario: An existing pod's anti-affinity keeps others away
    Given a cluster with 2 nodes
    When I apply:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: loner
      spec:
        nodeName: node-1
        containers:
        - name: app
          image: nginx
        affinity:
          podAntiAffinity:
            requiredDuringSchedulingIgnoredDuringExecution:
            - labelSelector:
                matchLabels:
                  app: web
              topologyKey: kubernetes.io/hostname
      """
    And I apply the pods "web-1" with:
      """
      nodeSelector:
        kubernetes.io/hostname: node-1
      """
    Then for 30 seconds, pod "web-1" is "Pending"
    And the scheduling of pod "web-1" is explained as:
      | node          | filter                                                                         |
      | control-plane | TaintToleration: node(s) had untolerated taint {node-role.kubernetes.io/control-plane: } |
      | node-1        | InterPodAffinity: node(s) didn't satisfy existing pods anti-affinity rules    |
      | node-2        | NodeAffinity: node(s) didn't match Pod's node affinity/selector               |

  Scenario: A web pod follows its cache onto the same node
    Given a cluster with 3 nodes
    When I apply:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: cache
        labels:
          app: cache
      spec:
        nodeName: node-2
        containers:
        - name: app
          image: redis
      """
    And I apply the pods "web-1" with:
      """
      affinity:
        podAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
          - labelSelector:
              matchLabels:
                app: cache
            topologyKey: kubernetes.io/hostname
      """
    Then within 30 seconds, pod "web-1" runs on node "node-2"
    And the scheduling of pod "web-1" is explained as:
      | node          | filter                                                                                    |
      | control-plane | TaintToleration: node(s) had untolerated taint {node-role.kubernetes.io/control-plane: } |
      | node-1        | InterPodAffinity: node(s) didn't match pod affinity rules                                |
      | node-2        | passed                                                                                    |
      | node-3        | InterPodAffinity: node(s) didn't match pod affinity rules                                |

  Scenario: Preferred anti-affinity steers away without forbidding
    Given a cluster with 2 nodes
    When I apply:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: web-1
        labels:
          app: web
      spec:
        nodeName: node-1
        containers:
        - name: app
          image: nginx
      """
    And I apply the pods "web-2" with:
      """
      affinity:
        podAntiAffinity:
          preferredDuringSchedulingIgnoredDuringExecution:
          - weight: 100
            podAffinityTerm:
              labelSelector:
                matchLabels:
                  app: web
              topologyKey: kubernetes.io/hostname
      """
    Then within 30 seconds, pod "web-2" runs on node "node-2"
    And the scheduling of pod "web-2" is explained as:
      | node          | InterPodAffinity derivation | chosen |
      | control-plane |                             |        |
      | node-1        | -100→0×2=0                  |        |
      | node-2        | 0→100×2=200                 | yes    |
