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
      node-1         passed                                                                                    0→100×3=300      94→94×1=94        100→100×1=100                    0→0×1=0        494    yes
      node-2         passed                                                                                    1→0×3=0          97→97×1=97        100→100×1=100                    0→0×1=0        197
      """
