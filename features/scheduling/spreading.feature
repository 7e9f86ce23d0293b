Feature: Spreading pods over nodes
  PodTopologySpread keeps pods that belong together apart. With a hard constraint
  (`whenUnsatisfiable: DoNotSchedule`) no domain may hold more than `maxSkew` matching pods above
  the emptiest one; with a soft one (`ScheduleAnyway`), or with none at all for pods that a Service
  or controller selects (the system default constraints: hostname maxSkew 3, zone maxSkew 5),
  nodes with fewer matching pods score higher.

  Scenario: One pod per node, and the control-plane node counts as an empty domain
    Given a cluster with 3 nodes
    When I apply the pods "web-1", "web-2", "web-3" and "web-4" spread with:
      """
      topologySpreadConstraints:
      - maxSkew: 1
        topologyKey: kubernetes.io/hostname
        whenUnsatisfiable: DoNotSchedule
        labelSelector:
          matchLabels:
            app: web
      """
    Then within 30 seconds, 3 pods matching "app=web" are "Running"
    And pod "web-4" is "Pending"
    When I run "kubectl get events --field-selector involvedObject.name=web-4"
    Then the output contains "0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 node(s) didn't match pod topology spread constraints. preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod."

  Scenario: With nodeTaintsPolicy Honor the tainted node is no domain
    Given a cluster with 3 nodes
    When I apply the pods "web-1", "web-2", "web-3" and "web-4" spread with:
      """
      topologySpreadConstraints:
      - maxSkew: 1
        topologyKey: kubernetes.io/hostname
        whenUnsatisfiable: DoNotSchedule
        nodeTaintsPolicy: Honor
        labelSelector:
          matchLabels:
            app: web
      """
    Then within 30 seconds, 4 pods matching "app=web" are "Running"

  Scenario: Pods behind a Service spread by the system default constraints
    Given a cluster with 3 nodes
    When I apply:
      """
      apiVersion: v1
      kind: Service
      metadata:
        name: web
      spec:
        selector:
          app: web
        ports:
        - port: 80
      ---
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
    And I apply:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: web-2
        labels:
          app: web
      spec:
        containers:
        - name: app
          image: nginx
      """
    Then within 30 seconds, pod "web-2" is "Running"
    And the scheduling of pod "web-2" is explained as:
      | node          | PodTopologySpread derivation | NodeResourcesFit | total | chosen |
      | control-plane |                              |                  |       |        |
      | node-1        | 4→50×2=100                   | 92               | 592   |        |
      | node-2        | 2→100×2=200                  | 95               | 695   |        |
      | node-3        | 2→100×2=200                  | 95               | 695   | yes    |
