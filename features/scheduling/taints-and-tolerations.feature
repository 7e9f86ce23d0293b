Feature: Taints keep pods away from nodes unless they tolerate them
  A taint `key=value:Effect` on a node repels pods: NoSchedule and NoExecute taints filter the node
  out for pods that do not tolerate them; a PreferNoSchedule taint only lowers the node's score.
  A toleration matches with operator Equal (key, value and effect) or Exists (key and effect, any
  value); an empty effect matches every effect. Tolerating a taint does not attract a pod to the
  node — it only allows it there.

  Scenario: A pod without tolerations fits nowhere
    Given a cluster with nodes:
      | name   | taints              |
      | node-1 | app=blue:NoSchedule |
      | node-2 | app=red:NoSchedule  |
    When I run "kubectl run plain --image=nginx"
    Then for 1 minute, pod "plain" is "Pending"
    When I run "kubectl describe pod plain"
    Then the output contains:
      """
        Warning  FailedScheduling  60s   default-scheduler  0/3 nodes are available: 1 node(s) had untolerated taint {app: blue}, 1 node(s) had untolerated taint {app: red}, 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.
      """

  Scenario: The seed notes' toleration (Equal) lets the pod onto the blue node only
    Given a cluster with nodes:
      | name   | taints              |
      | node-1 | app=blue:NoSchedule |
      | node-2 | app=red:NoSchedule  |
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
        tolerations:
        - key: "app"
          operator: "Equal"
          value: "blue"
          effect: "NoSchedule"
      """
    Then within 30 seconds, pod "myapp-pod" is "Running"
    And pod "myapp-pod" runs on node "node-1"
    And the scheduling of pod "myapp-pod" is explained as:
      | node          | filter                                                                                    |
      | control-plane | TaintToleration: node(s) had untolerated taint {node-role.kubernetes.io/control-plane: } |
      | node-1        | passed                                                                                    |
      | node-2        | TaintToleration: node(s) had untolerated taint {app: red}                                |

  Scenario: Exists tolerates any value of the key; an empty key with Exists tolerates everything
    Given a cluster with nodes:
      | name   | taints              |
      | node-1 | app=blue:NoSchedule |
      | node-2 | app=red:NoSchedule  |
    When I apply:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: any-app
      spec:
        containers:
        - name: app
          image: nginx
        tolerations:
        - key: app
          operator: Exists
      ---
      apiVersion: v1
      kind: Pod
      metadata:
        name: everywhere
      spec:
        containers:
        - name: app
          image: nginx
        tolerations:
        - operator: Exists
      """
    Then within 30 seconds, pod "any-app" is "Running"
    And the scheduling of pod "any-app" is explained as:
      | node          | filter                                                                                    |
      | control-plane | TaintToleration: node(s) had untolerated taint {node-role.kubernetes.io/control-plane: } |
      | node-1        | passed                                                                                    |
      | node-2        | passed                                                                                    |
    And the scheduling of pod "everywhere" is explained as:
      | node          | filter |
      | control-plane | passed |
      | node-1        | passed |
      | node-2        | passed |

  Scenario: A NoExecute taint repels pods at scheduling time too
    Given a cluster with nodes:
      | name   | taints                  |
      | node-1 | dedicated=db:NoExecute  |
      | node-2 |                         |
    When I apply:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: db
      spec:
        containers:
        - name: app
          image: postgres
        nodeSelector:
          kubernetes.io/hostname: node-1
        tolerations:
        - key: dedicated
          value: db
          effect: NoExecute
      ---
      apiVersion: v1
      kind: Pod
      metadata:
        name: web
      spec:
        containers:
        - name: app
          image: nginx
        nodeSelector:
          kubernetes.io/hostname: node-1
      """
    Then within 30 seconds, pod "db" runs on node "node-1"
    And for 30 seconds, pod "web" is "Pending"
    When I run "kubectl get events --field-selector involvedObject.name=web"
    Then the output contains "0/3 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) had untolerated taint {dedicated: db}, 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling."

  Scenario: PreferNoSchedule only lowers the score
    Given a cluster with nodes:
      | name   | taints                    |
      | node-1 | app=blue:PreferNoSchedule |
      | node-2 |                           |
    When I run "kubectl run web --image=nginx"
    Then within 30 seconds, pod "web" runs on node "node-2"
    And the scheduling of pod "web" is explained as:
      | node          | filter                                                                                    | TaintToleration derivation | total | chosen |
      | control-plane | TaintToleration: node(s) had untolerated taint {node-role.kubernetes.io/control-plane: } |                            |       |        |
      | node-1        | passed                                                                                    | 1→0×3=0                    | 195   |        |
      | node-2        | passed                                                                                    | 0→100×3=300                | 495   | yes    |
