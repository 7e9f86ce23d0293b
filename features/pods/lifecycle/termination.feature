Feature: Graceful termination
  Deleting a pod gives it a grace period (30 s unless the pod or the request says otherwise). The
  kubelet runs each container's preStop hook, sends the stop signal, and kills what still runs
  when the grace period ends (exit code 137). Meanwhile kubectl shows the pod as Terminating. Once
  its containers have stopped, the kubelet records a terminal phase and then removes the pod.

  Background:
    Given a cluster with 1 node

  Scenario: A program that handles the stop signal is gone at once
    When I run "kubectl run web --image=nginx"
    And 10 seconds pass
    And I run "kubectl delete pod web"
    Then the output is:
      """
      pod "web" deleted
      """
    When I run "kubectl get pods"
    Then the error output is:
      """
      No resources found in default namespace.
      """

  Scenario: A program that ignores the stop signal is killed after the grace period
    When I apply:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: stubborn
      spec:
        terminationGracePeriodSeconds: 15
        containers:
        - name: app
          image: busybox
          command: ["sleep", "3600"]
      """
    And 10 seconds pass
    And I run "kubectl delete pod stubborn --wait=false"
    Then for 14 seconds, pod "stubborn" is "Terminating"
    And within 2 seconds, 0 pods matching "" are "Terminating"

  Scenario: The terminal phase is recorded before the pod is removed
    A finalizer keeps the deleted pod in the API after the kubelet is done with it, so its last
    status can be read: the killed container exited 137 and the pod Failed.
    When I apply:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: held
        finalizers:
        - example.com/hold
      spec:
        terminationGracePeriodSeconds: 5
        containers:
        - name: app
          image: busybox
          command: ["sleep", "3600"]
      """
    And 10 seconds pass
    And I run "kubectl delete pod held --wait=false"
    And 10 seconds pass
    And I run "kubectl get pod held"
    Then the output is:
      """
      NAME   READY   STATUS   RESTARTS   AGE
      held   0/1     Error    0          20s
      """
    When I run "kubectl describe pod held"
    Then the output contains:
      """
      Status:           Failed
      """
    And the output contains:
      """
          State:          Terminated
            Reason:       Error
            Exit Code:    137
      """
    And the output contains:
      """
        Normal  Killing    10s   kubelet            Stopping container app
      """

  Scenario: A preStop hook runs before the stop signal and uses part of the grace period
    When I apply:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: draining
      spec:
        containers:
        - name: web
          image: nginx
          lifecycle:
            preStop:
              exec:
                command: ["sh", "-c", "sleep 8"]
      """
    And 10 seconds pass
    And I run "kubectl delete pod draining --wait=false"
    Then for 7 seconds, pod "draining" is "Terminating"
    And within 2 seconds, 0 pods matching "" are "Terminating"

  Scenario: A failing preStop hook is reported and the container is stopped anyway
    When I apply:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: hooked
        finalizers:
        - example.com/hold
      spec:
        containers:
        - name: web
          image: nginx
          lifecycle:
            preStop:
              httpGet:
                path: /shutdown
                port: 8080
      """
    And 10 seconds pass
    And I run "kubectl delete pod hooked --wait=false"
    And 5 seconds pass
    And I run "kubectl describe pod hooked"
    Then the output contains:
      """
        Normal   Killing            5s    kubelet            Stopping container web
        Warning  FailedPreStopHook  5s    kubelet            PreStopHook failed
      """
    And the output contains:
      """
          State:          Terminated
            Reason:       Completed
            Exit Code:    0
      """

  Scenario: Deleting again with a shorter grace period ends it sooner
    When I run "kubectl run sleeper --image=busybox -- sleep 3600"
    And 10 seconds pass
    And I run "kubectl delete pod sleeper --wait=false"
    And 5 seconds pass
    And I run "kubectl delete pod sleeper --grace-period=1 --wait=false"
    Then within 3 seconds, 0 pods matching "" are "Terminating"

  Scenario: Force deletion removes the pod from the API at once
    When I run "kubectl run sleeper --image=busybox -- sleep 3600"
    And 10 seconds pass
    And I run "kubectl delete pod sleeper --grace-period=0 --force"
    Then the output is:
      """
      pod "sleeper" force deleted
      """
    And the error output is:
      """
      Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.
      """
