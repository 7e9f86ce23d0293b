Feature: CrashLoopBackOff: restarts back off from 10 seconds to 5 minutes
  After a container exits and its restart policy says it should run again, the kubelet restarts it
  at once the first time, then waits 10 s, 20 s, 40 s … up to 300 s between restarts. While it
  waits, the container is Waiting with reason CrashLoopBackOff and a message saying how long the
  back-off is, and each sync records a Warning BackOff event. Ten minutes without a crash reset
  the back-off.

  Background:
    Given a cluster with 1 node

  Scenario: The waiting message and the BackOff event
    When I run "kubectl run web-0 --image=busybox -- sh -c 'echo starting; exit 1'"
    And 1 minute passes
    And I run "kubectl get pod web-0 -o yaml"
    Then the output contains:
      """
          state:
            waiting:
              message: back-off 40s restarting failed container=web-0 pod=web-0_default(
      """
    And the output contains:
      """
              reason: CrashLoopBackOff
      """
    When I run "kubectl describe pod web-0"
    Then the output contains:
      """
          State:          Waiting
            Reason:       CrashLoopBackOff
          Last State:     Terminated
            Reason:       Error
            Exit Code:    1
      """
    And the output contains "Warning  BackOff    5s (x6 over 57s)   kubelet            Back-off restarting failed container web-0 in pod web-0_default("

  Scenario: The back-off doubles up to 5 minutes
    When I run "kubectl run crasher --image=busybox -- sh -c 'exit 1'"
    And 10 minutes pass
    And I run "kubectl get pod crasher -o yaml"
    Then the output contains "message: back-off 5m0s restarting failed container=crasher pod=crasher_default("
    When I run "kubectl get pod crasher"
    Then the output is:
      """
      NAME      READY   STATUS             RESTARTS        AGE
      crasher   0/1     CrashLoopBackOff   6 (4m43s ago)   10m
      """

  Scenario: Ten minutes without a crash reset the back-off
    The container counts its starts in an emptyDir (which outlives container restarts): it crashes
    at once three times, then runs for eleven minutes before crashing again; that crash is
    restarted right away, as if it were the first.
    When I apply:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: flaky
      spec:
        volumes:
        - name: state
          emptyDir: {}
        containers:
        - name: app
          image: busybox
          volumeMounts:
          - name: state
            mountPath: /state
          command:
          - sh
          - -c
          - |
            n=$(cat /state/starts 2>/dev/null || echo 0)
            echo $((n + 1)) > /state/starts
            echo "start $((n + 1))"
            if [ "$n" -ge 3 ]; then sleep 660; fi
            exit 1
      """
    Then within 2 minutes, pod "flaky" is "Running"
    And within 12 minutes, pod "flaky" is "Error"
    When I run "kubectl get pod flaky"
    Then the output is:
      """
      NAME    READY   STATUS   RESTARTS      AGE
      flaky   0/1     Error    3 (11m ago)   11m
      """
    When 2 seconds pass
    And I run "kubectl get pod flaky"
    Then the output is:
      """
      NAME    READY   STATUS    RESTARTS     AGE
      flaky   1/1     Running   4 (3s ago)   11m
      """
    When I run "kubectl logs flaky --previous"
    Then the output is:
      """
      start 4
      """
