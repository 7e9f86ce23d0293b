Feature: Every scheduling decision can be explained
  Like kube-scheduler-simulator, kubespec keeps each decision of the scheduler: which filter
  rejected each node, and each score plugin's raw score, normalised score, weight and weighted
  score (`raw→normalized×weight=weighted`), the totals and the chosen node. A failing placement
  assertion attaches the explanation to the report.

  Scenario: The whole decision, printed
    Given a cluster with nodes:
      | name   | cpu | memory | taints                 |
      | node-1 | 2   | 4Gi    |                        |
      | node-2 | 4   | 8Gi    | tier=db:PreferNoSchedule |
    When I run "kubectl run web --image=nginx"
    And I explain the scheduling of pod "web"
    Then the output is:
      """
      Scheduling of pod default/web by default-scheduler, attempt 1 at 2025-03-01T09:00:00Z: bound to node-1
      Filters skipped (nothing to check): NodeAffinity, NodePorts, PodTopologySpread, InterPodAffinity
      Scores skipped (nothing to score): NodeAffinity, PodTopologySpread, InterPodAffinity

      NODE           FILTER                                                                                    TaintToleration  NodeResourcesFit  NodeResourcesBalancedAllocation  ImageLocality  TOTAL  CHOSEN
      control-plane  TaintToleration: node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }
      node-1         passed                                                                                    0→100×3=300      89→89×1=89        100→100×1=100                    0→0×1=0        489    yes
      node-2         passed                                                                                    1→0×3=0          95→95×1=95        100→100×1=100                    0→0×1=0        195
      """

  Scenario: ImageLocality favours a node that has the image, by its full name only
    The kubelet reports images by their full references (`docker.io/library/mysql:8`), and the
    scheduler only adds `:latest` to a pod's image: `mysql:8` does not match, the full name does.
    Each image's size counts in proportion to the share of nodes that have it.
    Given a cluster with 2 nodes
    When I apply:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: first
      spec:
        nodeName: node-1
        containers:
        - name: db
          image: docker.io/library/mysql:8
          env:
          - name: MYSQL_ALLOW_EMPTY_PASSWORD
            value: "yes"
      """
    Then within 1 minute, pod "first" is "Running"
    When I run "kubectl run short --image=mysql:8"
    And I run "kubectl run full --image=docker.io/library/mysql:8"
    Then the scheduling of pod "short" is explained as:
      | node          | ImageLocality raw |
      | control-plane |                   |
      | node-1        | 0                 |
      | node-2        | 0                 |
    And the scheduling of pod "full" is explained as:
      | node          | ImageLocality raw |
      | control-plane |                   |
      | node-1        | 3                 |
      | node-2        | 0                 |
