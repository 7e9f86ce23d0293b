Feature: Restart policies and exit codes decide the pod's phase
  A container that exits is restarted according to the pod's restartPolicy: Always restarts it
  whatever its exit code, OnFailure only after a non-zero exit, Never not at all. The kubelet's
  getPhase turns that into the pod's phase: Running while containers are (re)started, Succeeded
  when every container exited 0 for good, Failed when one failed for good.

  Scenario Outline: restartPolicy <policy>, exit code <code>
    Given a cluster with 1 node
    When I run "kubectl run job --image=busybox --restart=<policy> -- sh -c 'sleep 2; exit <code>'"
    Then within 1 minute, pod "job" is "<status>"
    When I run "kubectl describe pod job"
    Then the output contains:
      """
      Status:           <phase>
      """
    And the output contains "<restarts>"

    Examples:
      | policy    | code | status           | phase     | restarts                 |
      | Always    | 0    | CrashLoopBackOff | Running   | Last State:     Terminated |
      | Always    | 1    | CrashLoopBackOff | Running   | Last State:     Terminated |
      | OnFailure | 0    | Completed        | Succeeded | Restart Count:  0          |
      | OnFailure | 1    | CrashLoopBackOff | Running   | Last State:     Terminated |
      | Never     | 0    | Completed        | Succeeded | Restart Count:  0          |
      | Never     | 1    | Error            | Failed    | Restart Count:  0          |

  Scenario: A terminal phase never changes again
    Given a cluster with 1 node
    When I run "kubectl run once --image=busybox --restart=Never -- sh -c 'exit 0'"
    Then within 10 seconds, pod "once" is "Completed"
    And for 5 minutes, pod "once" is "Completed"
    When I run "kubectl describe pod once"
    Then the output contains:
      """
      Status:           Succeeded
      """
    And the output contains:
      """
      Conditions:
        Type                        Status
        PodReadyToStartContainers   False
        Initialized                 True
        Ready                       False
        ContainersReady             False
        PodScheduled                True
      """

  Scenario: busybox without a command exits at once and crash-loops
    busybox's default command is `sh`, which has no terminal to read from and exits 0 straight
    away; with restartPolicy Always the kubelet keeps restarting it.
    Given a cluster with 1 node
    When I run "kubectl run box --image=busybox"
    Then within 1 minute, pod "box" is "CrashLoopBackOff"
    When I run "kubectl describe pod box"
    Then the output contains:
      """
          Last State:     Terminated
            Reason:       Completed
            Exit Code:    0
      """
