Feature: Containers of a pod share its network namespace and its volumes
  Every container of a pod runs in the pod's network namespace: they reach each other on
  localhost, and two of them cannot listen on the same port — the second fails the way the program
  fails when its address is taken. An emptyDir volume lives as long as the pod: what one container
  writes there, another reads.

  Background:
    Given a cluster with 1 node

  Scenario: Two containers on one port: the second cannot bind it
    When I apply:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: twins
      spec:
        containers:
        - name: web
          image: nginx:1.27
        - name: web2
          image: nginx:1.27
      """
    Then within 20 seconds, pod "twins" is "Error"
    When I run "kubectl logs twins -c web2 --tail 4"
    Then the output is:
      """
      2025/03/01 09:00:06 [emerg] 1#1: bind() to 0.0.0.0:80 failed (98: Address already in use)
      nginx: [emerg] bind() to 0.0.0.0:80 failed (98: Address already in use)
      2025/03/01 09:00:06 [emerg] 1#1: still could not bind()
      nginx: [emerg] still could not bind()
      """
    And within 2 minutes, pod "twins" is "CrashLoopBackOff"
    When I run "kubectl get pod twins"
    Then the output is:
      """
      NAME    READY   STATUS             RESTARTS      AGE
      twins   1/2     CrashLoopBackOff   1 (11s ago)   20s
      """

  Scenario: Containers reach each other on localhost
    When I apply:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: web
      spec:
        containers:
        - name: nginx
          image: nginx
        - name: probe
          image: busybox
          command: ["sh", "-c", "sleep 5; while true; do wget -qO- http://localhost/ >/dev/null && echo reachable; sleep 10; done"]
      """
    And 35 seconds pass
    And I run "kubectl logs web -c probe"
    Then the output is:
      """
      reachable
      reachable
      reachable
      """
    When I run "kubectl logs web -c nginx --tail 1"
    Then the output is:
      """
      127.0.0.1 - - [01/Mar/2025:09:00:30 +0000] "GET / HTTP/1.1" 200 615 "-" "Wget" "-"
      """

  Scenario: An emptyDir shared by two containers (the example from the Kubernetes documentation)
    When I apply:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: two-containers
      spec:
        restartPolicy: Never
        volumes:
        - name: shared-data
          emptyDir: {}
        containers:
        - name: nginx-container
          image: nginx
          volumeMounts:
          - name: shared-data
            mountPath: /usr/share/nginx/html
        - name: debian-container
          image: debian
          volumeMounts:
          - name: shared-data
            mountPath: /pod-data
          command: ["/bin/sh"]
          args: ["-c", "echo Hello from the debian container > /pod-data/index.html"]
      """
    Then within 30 seconds, pod "two-containers" is "NotReady"
    When I run "kubectl exec two-containers -c nginx-container -- curl -s localhost"
    Then the output is:
      """
      Hello from the debian container
      """
    When I run "kubectl exec two-containers -c nginx-container -- cat /usr/share/nginx/html/index.html"
    Then the output is:
      """
      Hello from the debian container
      """
