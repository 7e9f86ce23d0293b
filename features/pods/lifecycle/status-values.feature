Feature: The STATUS kubectl shows for a pod
  `kubectl get pods` computes STATUS from the pod's phase and its containers' states: the reason a
  container waits (ContainerCreating, CrashLoopBackOff, ErrImagePull, ImagePullBackOff,
  PodInitializing) or terminated (Completed, Error, OOMKilled), `Init:` while init containers run,
  `NotReady` when a completed container sits beside a running one, and `Terminating` for a pod
  being deleted. Each scenario drives one pod through the values a real v1.32 cluster shows.

  Background:
    Given a cluster with 1 node

  Scenario: ContainerCreating while the image is pulled, then Running
    When I run "kubectl run web --image=nginx"
    And I run "kubectl get pod web"
    Then the output is:
      """
      NAME   READY   STATUS              RESTARTS   AGE
      web    0/1     ContainerCreating   0          0s
      """
    When 5 seconds pass
    And I run "kubectl get pod web"
    Then the output is:
      """
      NAME   READY   STATUS    RESTARTS   AGE
      web    1/1     Running   0          5s
      """

  Scenario: Completed and Error for containers that ran to the end
    When I run "kubectl run ok --image=busybox --restart=Never -- sh -c 'echo done'"
    And I run "kubectl run failed --image=busybox --restart=Never -- sh -c 'exit 3'"
    Then within 10 seconds, pod "ok" is "Completed"
    And within 10 seconds, pod "failed" is "Error"
    When I run "kubectl get pods"
    Then the output is:
      """
      NAME     READY   STATUS      RESTARTS   AGE
      failed   0/1     Error       0          2s
      ok       0/1     Completed   0          2s
      """

  Scenario: CrashLoopBackOff with a growing back-off
    A container that keeps failing is restarted after 10 s, then 20 s, 40 s and so on up to 5
    minutes; while it waits, STATUS is CrashLoopBackOff and RESTARTS says when it last ended.
    When I run "kubectl run crasher --image=busybox -- sh -c 'sleep 1; exit 1'"
    Then within 30 seconds, pod "crasher" is "CrashLoopBackOff"
    When I run "kubectl get pod crasher"
    Then the output is:
      """
      NAME      READY   STATUS             RESTARTS      AGE
      crasher   0/1     CrashLoopBackOff   1 (11s ago)   16s
      """
    When 3 minutes pass
    And I run "kubectl get pod crasher"
    Then the output is:
      """
      NAME      READY   STATUS             RESTARTS      AGE
      crasher   0/1     CrashLoopBackOff   5 (33s ago)   3m16s
      """

  Scenario: ErrImagePull, then ImagePullBackOff for an image that does not exist
    When I run "kubectl run typo --image=nginx:1.277"
    Then within 5 seconds, pod "typo" is "ErrImagePull"
    And within 20 seconds, pod "typo" is "ImagePullBackOff"

  Scenario: OOMKilled when a container uses more memory than its limit
    When I apply:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: memory-demo-2
      spec:
        containers:
        - name: memory-demo-2-ctr
          image: polinux/stress
          resources:
            requests:
              memory: "50Mi"
            limits:
              memory: "100Mi"
          command: ["stress"]
          args: ["--vm", "1", "--vm-bytes", "250M", "--vm-hang", "1"]
      """
    Then within 10 seconds, pod "memory-demo-2" is "OOMKilled"
    When I run "kubectl get pod memory-demo-2"
    Then the output is:
      """
      NAME            READY   STATUS      RESTARTS   AGE
      memory-demo-2   0/1     OOMKilled   0          4s
      """

  Scenario: Init:0/2, Init:1/2 and PodInitializing before the app starts
    When I apply:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: myapp-pod
      spec:
        initContainers:
        - name: init-myservice
          image: busybox:1.28
          command: ['sh', '-c', 'echo waiting for myservice; sleep 4']
        - name: init-mydb
          image: busybox:1.28
          command: ['sh', '-c', 'echo waiting for mydb; sleep 4']
        containers:
        - name: myapp-container
          image: busybox:1.28
          command: ['sh', '-c', 'echo The app is running! && sleep 3600']
      """
    Then pod "myapp-pod" is "Init:0/2"
    And within 10 seconds, pod "myapp-pod" is "Init:1/2"
    And within 10 seconds, pod "myapp-pod" is "PodInitializing"
    And within 5 seconds, pod "myapp-pod" is "Running"
    When I run "kubectl get pod myapp-pod"
    Then the output is:
      """
      NAME        READY   STATUS    RESTARTS   AGE
      myapp-pod   1/1     Running   0          13s
      """

  Scenario: Init:Error, then Init:CrashLoopBackOff for a failing init container
    When I apply:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: blocked
      spec:
        initContainers:
        - name: migrate
          image: busybox
          command: ['sh', '-c', 'echo cannot reach the database >&2; exit 1']
        containers:
        - name: app
          image: nginx
      """
    Then within 10 seconds, pod "blocked" is "Init:Error"
    And within 30 seconds, pod "blocked" is "Init:CrashLoopBackOff"
    When I run "kubectl logs blocked -c migrate"
    Then the output is:
      """
      cannot reach the database
      """

  Scenario: NotReady when one container completed and another still runs
    When I apply:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: half-done
      spec:
        restartPolicy: Never
        containers:
        - name: setup
          image: busybox
          command: ["true"]
        - name: web
          image: nginx
      """
    Then within 10 seconds, pod "half-done" is "NotReady"
    When I run "kubectl get pod half-done"
    Then the output is:
      """
      NAME        READY   STATUS     RESTARTS   AGE
      half-done   1/2     NotReady   0          5s
      """

  Scenario: Terminating while a deleted pod's containers stop
    `sleep` as process 1 ignores SIGTERM, so the container runs until the kubelet kills it at the
    end of the 30-second grace period.
    When I run "kubectl run sleeper --image=busybox -- sleep 3600"
    And 10 seconds pass
    And I run "kubectl delete pod sleeper --wait=false"
    Then the output is:
      """
      pod "sleeper" deleted
      """
    And for 29 seconds, pod "sleeper" is "Terminating"
    When I run "kubectl get pod sleeper"
    Then the output is:
      """
      NAME      READY   STATUS        RESTARTS   AGE
      sleeper   1/1     Terminating   0          39s
      """
    And within 3 seconds, 0 pods matching "run=sleeper" are "Terminating"

  Scenario: OutOfcpu when a pod bound to a node by name does not fit it
    The scheduler never places a pod that does not fit; a pod given `nodeName` directly skips it,
    and the kubelet's own admission rejects it.
    When I apply:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: too-big
      spec:
        nodeName: node-1
        containers:
        - name: app
          image: nginx
          resources:
            requests:
              cpu: "5"
      """
    Then within 1 second, pod "too-big" is "OutOfcpu"
    When I run "kubectl describe pod too-big"
    Then the output contains:
      """
      Status:           Failed
      Reason:           OutOfcpu
      Message:          Pod was rejected: Node didn't have enough resource: cpu, requested: 5000, used: 0, capacity: 4000
      """

  Scenario: StartError when the command is not in the image, then CrashLoopBackOff
    runc cannot exec a command the image does not have: the container exits with code 128 and
    reason StartError, and the kubelet backs off like for any crash.
    When I run "kubectl run typo --image=busybox -- sleepp 3600"
    Then within 20 seconds, pod "typo" is "CrashLoopBackOff"
    When I run "kubectl describe pod typo"
    Then the output contains:
      """
          State:          Waiting
            Reason:       CrashLoopBackOff
          Last State:     Terminated
            Reason:       StartError
            Message:      failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: exec: "sleepp": executable file not found in $PATH: unknown
            Exit Code:    128
      """
