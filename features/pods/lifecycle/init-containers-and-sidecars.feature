Feature: Init containers and sidecars
  Init containers run one after another, each to completion, before the app containers start; the
  pod's Initialized condition says which have not finished. An init container with
  `restartPolicy: Always` is a native sidecar: the next init container starts once it has started,
  it keeps running beside the app (and counts in READY), it does not keep a finished Job-style pod
  alive, and it is stopped after the app containers.

  Background:
    Given a cluster with 1 node

  Scenario: The Initialized condition while init containers run
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
          command: ['sh', '-c', 'sleep 10']
        - name: init-mydb
          image: busybox:1.28
          command: ['sh', '-c', 'sleep 10']
        containers:
        - name: myapp-container
          image: busybox:1.28
          command: ['sh', '-c', 'echo The app is running! && sleep 3600']
      """
    And 5 seconds pass
    And I run "kubectl get pod myapp-pod -o yaml"
    Then the output contains:
      """
        - lastProbeTime: null
          lastTransitionTime: "2025-03-01T09:00:00Z"
          message: 'containers with incomplete status: [init-myservice init-mydb]'
          reason: ContainersNotInitialized
          status: "False"
          type: Initialized
      """
    When I run "kubectl describe pod myapp-pod"
    Then the output contains:
      """
      Init Containers:
        init-myservice:
      """
    And the output contains:
      """
          State:          Running
      """
    And the output contains:
      """
        myapp-container:
          Container ID:
          Image:         busybox:1.28
          Image ID:
          Port:          <none>
          Host Port:     <none>
          Command:
            sh
            -c
            echo The app is running! && sleep 3600
          State:          Waiting
            Reason:       PodInitializing
      """
    And within 30 seconds, pod "myapp-pod" is "Running"
    When I run "kubectl logs myapp-pod"
    Then the output is:
      """
      The app is running!
      """
    And the error output is:
      """
      Defaulted container "myapp-container" out of: myapp-container, init-myservice (init), init-mydb (init)
      """

  Scenario: A failing init container with restartPolicy Never fails the pod
    The app container never ran: it stays Waiting, PodInitializing, in the failed pod.
    When I apply:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: migration
      spec:
        restartPolicy: Never
        initContainers:
        - name: migrate
          image: busybox
          command: ['sh', '-c', 'exit 2']
        containers:
        - name: app
          image: nginx
      """
    Then within 10 seconds, pod "migration" is "Init:Error"
    When I run "kubectl describe pod migration"
    Then the output contains:
      """
      Status:           Failed
      """
    And the output contains:
      """
        app:
          Container ID:
          Image:          nginx
          Image ID:
          Port:           <none>
          Host Port:      <none>
          State:          Waiting
            Reason:       PodInitializing
      """

  Scenario: A sidecar starts before the next init container and counts in READY
    When I apply:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: shipped
      spec:
        initContainers:
        - name: log-shipper
          image: busybox
          restartPolicy: Always
          command: ['sh', '-c', 'while true; do echo shipping; sleep 10; done']
        - name: setup
          image: busybox
          command: ['sh', '-c', 'echo setting up; sleep 3']
        containers:
        - name: web
          image: nginx
      """
    And 4 seconds pass
    And I run "kubectl get pod shipped"
    Then the output is:
      """
      NAME      READY   STATUS     RESTARTS   AGE
      shipped   1/2     Init:1/2   0          4s
      """
    And within 20 seconds, pod "shipped" is ready
    When I run "kubectl get pod shipped"
    Then the output is:
      """
      NAME      READY   STATUS    RESTARTS   AGE
      shipped   2/2     Running   0          10s
      """

  Scenario: A sidecar does not keep a finished pod alive and stops after the app container
    When I apply:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: batch
      spec:
        restartPolicy: Never
        initContainers:
        - name: proxy
          image: nginx
          restartPolicy: Always
        containers:
        - name: job
          image: busybox
          command: ['sh', '-c', 'sleep 5; echo finished']
      """
    Then within 30 seconds, pod "batch" is "Completed"
    When I run "kubectl describe pod batch"
    Then the output contains:
      """
      Status:           Running
      """
    When 2 seconds pass
    And I run "kubectl describe pod batch"
    Then the output contains:
      """
      Status:           Succeeded
      """
    And the output contains "Normal  Killing    2s    kubelet            Stopping container proxy"
    And the output contains:
      """
        proxy:
      """
    When I run "kubectl logs batch -c proxy --tail 1"
    Then the output is:
      """
      2025/03/01 09:00:11 [notice] 1#1: exit
      """
