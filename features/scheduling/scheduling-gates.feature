Feature: Scheduling gates hold a pod back
  A pod created with `spec.schedulingGates` is not considered by the scheduler until every gate is
  removed: it is Pending with PodScheduled=False reason `SchedulingGated`, `kubectl get pods`
  shows `SchedulingGated`, and there are no FailedScheduling events.

  Scenario: A gated pod waits without events
    Given a cluster with 1 node
    When I apply:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: gated
      spec:
        schedulingGates:
        - name: example.com/quota
        containers:
        - name: app
          image: nginx
      """
    Then for 5 minutes, pod "gated" is "SchedulingGated"
    When I run "kubectl get pods"
    Then the output is:
      """
      NAME    READY   STATUS            RESTARTS   AGE
      gated   0/1     SchedulingGated   0          5m
      """
    When I run "kubectl get pod gated -o yaml"
    Then the output contains:
      """
        conditions:
        - lastProbeTime: null
          lastTransitionTime: "2025-03-01T09:00:00Z"
          message: Scheduling is blocked due to non-empty scheduling gates
          reason: SchedulingGated
          status: "False"
          type: PodScheduled
      """
    When I run "kubectl get events --field-selector involvedObject.name=gated"
    Then the error output is:
      """
      No resources found in default namespace.
      """

  Scenario: Removing the gates lets the scheduler place the pod
    Given a cluster with 1 node
    When I apply:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: gated
      spec:
        schedulingGates:
        - name: example.com/quota
        containers:
        - name: app
          image: nginx
      """
    And 1 minute passes
    And I apply:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: gated
      spec:
        containers:
        - name: app
          image: nginx
      """
    Then within 30 seconds, pod "gated" is "Running"
    And pod "gated" runs on node "node-1"
    When I run "kubectl describe pod gated"
    Then the output contains "Normal  Scheduled  "
    And the output contains "default-scheduler  Successfully assigned default/gated to node-1"
