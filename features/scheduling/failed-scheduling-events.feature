Feature: FailedScheduling events repeat as a series
  kube-scheduler records events with the events.k8s.io API (client-go tools/events). An event is
  keyed by what it says and the exact object version it is about; the second identical event turns
  the stored one into a series (`series.count: 2`), later repeats are only counted in memory and
  written when the series ends (6 minutes without a repeat) or every 30 minutes. `kubectl describe`
  shows a series as `<last seen> (x<count> over <first seen>)`.

  An unschedulable pod is retried when the cluster changes in a way that may help, or otherwise
  every 5 minutes (checked every 30 seconds). Its first attempt changes the pod (the PodScheduled
  condition), so the retries are about a newer version of the pod and start a second event.

  Scenario: A pod that never fits
    Given a cluster with 1 node
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
              cpu: "64"
      """
    And 12 minutes pass
    And I run "kubectl describe pod greedy"
    Then the output contains:
      """
      Events:
        Type     Reason            Age                  From               Message
        ----     ------            ----                 ----               -------
        Warning  FailedScheduling  12m                  default-scheduler  0/2 nodes are available: 1 Insufficient cpu, 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }. preemption: 0/2 nodes are available: 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling.
        Warning  FailedScheduling  60s (x2 over 6m30s)  default-scheduler  0/2 nodes are available: 1 Insufficient cpu, 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }. preemption: 0/2 nodes are available: 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling.
      """
    When I run "kubectl get events --field-selector reason=FailedScheduling -o wide"
    Then the output contains:
      """
      LAST SEEN   TYPE      REASON             OBJECT       SUBOBJECT   SOURCE                                               MESSAGE
      """
    And the output contains "   12m          1       greedy."
    And the output contains "   6m30s        2       greedy."
