Feature: kubectl logs and kubectl exec
  Container logs are what the simulated programs write, line by line, with the time they wrote
  it. `kubectl logs` reads them through the apiserver from the kubelet, which refuses with its
  own messages when a container has nothing to show yet. `kubectl exec` runs a command in a running
  container; its output and exit code come back as from a real one.

  Background:
    Given a cluster with 1 node

  Scenario: Logs, --tail and --timestamps
    When I run "kubectl run counter --image=busybox -- sh -c 'i=1; while [ $i -le 5 ]; do echo line $i; i=$((i+1)); sleep 2; done; sleep 3600'"
    And 20 seconds pass
    And I run "kubectl logs counter"
    Then the output is:
      """
      line 1
      line 2
      line 3
      line 4
      line 5
      """
    When I run "kubectl logs counter --tail 2 --timestamps"
    Then the output is:
      """
      2025-03-01T09:00:08.1Z line 4
      2025-03-01T09:00:10.1Z line 5
      """

  Scenario: The previous container's logs after a restart
    When I run "kubectl run flaky --image=busybox -- sh -c 'echo attempt at $(date); exit 1'"
    And 30 seconds pass
    And I run "kubectl logs flaky --previous"
    Then the output is:
      """
      attempt at Sat Mar 1 09:00:13 UTC 2025
      """
    When I run "kubectl logs flaky -p --timestamps"
    Then the output is:
      """
      2025-03-01T09:00:13.4Z attempt at Sat Mar 1 09:00:13 UTC 2025
      """

  Scenario: What the kubelet answers when there are no logs to show
    When I run "kubectl run web --image=nginx"
    And I run "kubectl logs web"
    Then the command fails with:
      """
      Error from server (BadRequest): container "web" in pod "web" is waiting to start: ContainerCreating
      """
    When 10 seconds pass
    And I run "kubectl logs web --previous"
    Then the command fails with:
      """
      Error from server (BadRequest): previous terminated container "web" in pod "web" not found
      """
    When I run "kubectl logs nothere"
    Then the command fails with:
      """
      error: error from server (NotFound): pods "nothere" not found in namespace "default"
      """
    When I run "kubectl logs web -c sidecar"
    Then the command fails with:
      """
      error: container sidecar is not valid for pod web
      """

  Scenario: A multi-container pod: the default container, and -c
    When I apply:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: pair
      spec:
        containers:
        - name: main
          image: busybox
          command: ["sh", "-c", "echo from main; sleep 3600"]
        - name: helper
          image: busybox
          command: ["sh", "-c", "echo from helper; sleep 3600"]
      """
    And 10 seconds pass
    And I run "kubectl logs pair"
    Then the output is:
      """
      from main
      """
    And the error output is:
      """
      Defaulted container "main" out of: main, helper
      """
    When I run "kubectl logs pair -c helper"
    Then the output is:
      """
      from helper
      """
    When I run "kubectl logs pair helper"
    Then the output is:
      """
      from helper
      """

  Scenario: exec runs a command and relays its exit code
    When I run "kubectl run box --image=busybox -- sleep 3600"
    And 10 seconds pass
    And I run "kubectl exec box -- sh -c 'echo $HOSTNAME; ls /tmp; cat /etc/hostname'"
    Then the output is:
      """
      box
      box
      """
    When I run "kubectl exec box -- cat /missing"
    Then the command fails with:
      """
      cat: can't open '/missing': No such file or directory
      command terminated with exit code 1
      """
    When I run "kubectl exec box -- nosuchcommand"
    Then the command fails with:
      """
      error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec
      """
    And the command fails with:
      """
      OCI runtime exec failed: exec failed: unable to start container process: exec: "nosuchcommand": executable file not found in $PATH: unknown
      """
    When I run "kubectl exec box ls"
    Then the command fails with:
      """
      error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead
      """

  Scenario: exec sees the container's resource limits and memory
    When I apply:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: limited
      spec:
        containers:
        - name: app
          image: busybox
          command: ["sleep", "3600"]
          resources:
            limits:
              cpu: 500m
              memory: 128Mi
      """
    And 10 seconds pass
    And I run "kubectl exec limited -- cat /sys/fs/cgroup/cpu.max /sys/fs/cgroup/memory.max"
    Then the output is:
      """
      50000 100000
      134217728
      """

  Scenario: exec into containers that cannot take it
    When I run "kubectl run waiting --image=nginx:1.277"
    And 5 seconds pass
    And I run "kubectl exec waiting -- ls"
    Then the command fails with:
      """
      error: unable to upgrade connection: container not found ("waiting")
      """
    When I run "kubectl run done --image=busybox --restart=Never -- true"
    And 10 seconds pass
    And I run "kubectl exec done -- ls"
    Then the command fails with:
      """
      error: cannot exec into a container in a completed pod; current phase is Succeeded
      """
