Feature: Liveness, readiness and startup probes
  The kubelet probes containers against what they really do: an exec probe runs a command in the
  container, an httpGet probe requests a path from the program listening in the pod, a tcpSocket
  probe opens a connection. A liveness probe that fails `failureThreshold` times in a row gets the
  container killed and restarted; a readiness probe decides the container's Ready, the pod's Ready
  and ContainersReady conditions; a startup probe holds the other two back until it passes.

  Background:
    Given a cluster with 1 node

  Scenario: Liveness exec probe (the example from the Kubernetes documentation)
    When I apply:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        labels:
          test: liveness
        name: liveness-exec
      spec:
        containers:
        - name: liveness
          image: registry.k8s.io/busybox
          args:
          - /bin/sh
          - -c
          - touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600
          livenessProbe:
            exec:
              command:
              - cat
              - /tmp/healthy
            initialDelaySeconds: 5
            periodSeconds: 5
      """
    And 50 seconds pass
    And I run "kubectl describe pod liveness-exec"
    Then the output contains:
      """
        Warning  Unhealthy  5s (x3 over 15s)  kubelet            Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory
        Normal   Killing    5s                kubelet            Container liveness failed liveness probe, will be restarted
      """
    When 30 seconds pass
    And I run "kubectl get pod liveness-exec"
    Then the output is:
      """
      NAME            READY   STATUS    RESTARTS     AGE
      liveness-exec   1/1     Running   1 (5s ago)   80s
      """
    When I run "kubectl describe pod liveness-exec"
    Then the output contains:
      """
          Last State:     Terminated
            Reason:       Error
            Exit Code:    137
      """

  Scenario: Liveness HTTP probe against an application that turns unhealthy
    agnhost's liveness server answers /healthz with 200 for ten seconds, then with 500.
    When I apply:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: liveness-http
      spec:
        containers:
        - name: liveness
          image: registry.k8s.io/e2e-test-images/agnhost:2.40
          args:
          - liveness
          livenessProbe:
            httpGet:
              path: /healthz
              port: 8080
            initialDelaySeconds: 3
            periodSeconds: 3
      """
    And 25 seconds pass
    And I run "kubectl describe pod liveness-http"
    Then the output contains "Liveness probe failed: HTTP probe failed with statuscode: 500"
    And the output contains "Container liveness failed liveness probe, will be restarted"
    And the output contains "Restart Count:  1"

  Scenario: Readiness exec probe: Running but not Ready until the file appears
    When I apply:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: warming-up
      spec:
        containers:
        - name: app
          image: busybox
          command: ["sh", "-c", "sleep 20; touch /tmp/ready; sleep 3600"]
          readinessProbe:
            exec:
              command: ["cat", "/tmp/ready"]
            periodSeconds: 5
      """
    And 10 seconds pass
    And I run "kubectl get pod warming-up"
    Then the output is:
      """
      NAME         READY   STATUS    RESTARTS   AGE
      warming-up   0/1     Running   0          10s
      """
    When I run "kubectl get pod warming-up -o yaml"
    Then the output contains:
      """
        - lastProbeTime: null
          lastTransitionTime: "2025-03-01T09:00:00Z"
          message: 'containers with unready status: [app]'
          reason: ContainersNotReady
          status: "False"
          type: Ready
      """
    And pod "warming-up" is not ready
    And within 30 seconds, pod "warming-up" is ready
    When I run "kubectl get pod warming-up"
    Then the output is:
      """
      NAME         READY   STATUS    RESTARTS   AGE
      warming-up   1/1     Running   0          25s
      """

  Scenario: Readiness HTTP probe on a path nginx does not serve
    When I apply:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: web
      spec:
        containers:
        - name: web
          image: nginx
          readinessProbe:
            httpGet:
              path: /ready
              port: 80
            periodSeconds: 5
            failureThreshold: 1
      """
    And 20 seconds pass
    And I run "kubectl get pod web"
    Then the output is:
      """
      NAME   READY   STATUS    RESTARTS   AGE
      web    0/1     Running   0          20s
      """
    When I run "kubectl describe pod web"
    Then the output contains "Readiness probe failed: HTTP probe failed with statuscode: 404"
    When I run "kubectl logs web --tail 2"
    Then the output is:
      """
      2025/03/01 09:00:20 [error] 29#29: *1 open() "/usr/share/nginx/html/ready" failed (2: No such file or directory), client: 10.244.1.1, server: localhost, request: "GET /ready HTTP/1.1", host: "10.244.1.2:80"
      10.244.1.1 - - [01/Mar/2025:09:00:20 +0000] "GET /ready HTTP/1.1" 404 153 "-" "kube-probe/1.32" "-"
      """

  Scenario: A tcpSocket probe on a port nothing listens on
    When I apply:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: cache
      spec:
        containers:
        - name: redis
          image: redis:7.4
          readinessProbe:
            tcpSocket:
              port: 6380
            periodSeconds: 5
      """
    And 20 seconds pass
    And I run "kubectl describe pod cache"
    Then the output contains "Readiness probe failed: dial tcp 10.244.1.2:6380: connect: connection refused"
    And the output contains:
      """
          Ready:          False
      """

  Scenario: A startup probe holds liveness back until a slow application is up
    The application needs 40 seconds before it listens; the startup probe allows 12 × 5 seconds.
    Given the images:
      | image            | listens   | ready after | http         |
      | example.com/slow | 8080/http | 40s         | /healthz=200 |
    When I apply:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: slow
      spec:
        containers:
        - name: app
          image: example.com/slow
          startupProbe:
            httpGet:
              path: /healthz
              port: 8080
            failureThreshold: 12
            periodSeconds: 5
          livenessProbe:
            httpGet:
              path: /healthz
              port: 8080
            periodSeconds: 5
      """
    And 30 seconds pass
    And I run "kubectl get pod slow -o yaml"
    Then the output contains:
      """
          ready: false
          restartCount: 0
          started: false
      """
    And within 30 seconds, pod "slow" is ready
    When I run "kubectl get pod slow"
    Then the output is:
      """
      NAME   READY   STATUS    RESTARTS   AGE
      slow   1/1     Running   0          45s
      """
    When I run "kubectl describe pod slow"
    Then the output contains "Startup probe failed: Get \"http://10.244.1.2:8080/healthz\": dial tcp 10.244.1.2:8080: connect: connection refused"
    And the output does not contain "Liveness probe failed"

  Scenario: A startup probe that never passes restarts the container
    Given the images:
      | image             | listens |
      | example.com/stuck | 9090    |
    When I apply:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: stuck
      spec:
        containers:
        - name: app
          image: example.com/stuck
          startupProbe:
            tcpSocket:
              port: 8080
            failureThreshold: 3
            periodSeconds: 5
      """
    And 30 seconds pass
    And I run "kubectl describe pod stuck"
    Then the output contains "Container app failed startup probe, will be restarted"
    And the output contains "Restart Count:  1"

  Scenario: timeoutSeconds: an answer slower than the timeout is a failure
    Given the image catalogue "images/slow-api.yaml"
    When I apply:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: api
      spec:
        containers:
        - name: api
          image: example.com/slow-api:1.0
          readinessProbe:
            httpGet:
              path: /healthz
              port: 8080
            timeoutSeconds: 1
            periodSeconds: 5
          livenessProbe:
            httpGet:
              path: /
              port: 8080
            periodSeconds: 5
      """
    And 20 seconds pass
    And I run "kubectl describe pod api"
    Then the output contains "Readiness probe failed: Get \"http://10.244.1.2:8080/healthz\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)"
    And the output contains:
      """
          Ready:          False
          Restart Count:  0
      """

  Scenario: successThreshold: readiness needs several successes in a row
    When I apply:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: careful
      spec:
        containers:
        - name: web
          image: nginx
          readinessProbe:
            httpGet:
              path: /
              port: 80
            periodSeconds: 5
            successThreshold: 3
      """
    Then within 20 seconds, pod "careful" is "Running"
    When I run "kubectl get pod careful"
    Then the output is:
      """
      NAME      READY   STATUS    RESTARTS   AGE
      careful   0/1     Running   0          4s
      """
    When 15 seconds pass
    And I run "kubectl get pod careful"
    Then the output is:
      """
      NAME      READY   STATUS    RESTARTS   AGE
      careful   1/1     Running   0          19s
      """
