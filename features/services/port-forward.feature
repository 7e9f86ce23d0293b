Feature: kubectl port-forward
  kubectl port-forward opens a port on the machine running kubectl that leads, through the
  kubelet, straight to a pod's port (for a service: one of its pods, at the target port); the pod
  sees the connection coming from 127.0.0.1.

  Background:
    Given a cluster with 1 node
    And I apply:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: web
        labels: {app: web}
      spec:
        containers:
        - name: nginx
          image: nginx
          ports:
          - name: http
            containerPort: 80
      ---
      apiVersion: v1
      kind: Service
      metadata:
        name: web
      spec:
        selector: {app: web}
        ports:
        - name: http
          port: 8080
          targetPort: http
      """

  Scenario: A forward to a pod that is not running yet is refused
    When I run "kubectl port-forward pod/web 8080:80"
    Then the command fails with:
      """
      error: unable to forward port because pod is not running. Current status=Pending
      """
    When I send a request to "http://localhost:8080/"
    Then the request fails with "Connection refused"

  Scenario: Forwarding a service port reaches the pod's target port
    Given within 1 minute, pod "web" is "Running"
    When I run "kubectl port-forward svc/web 9000:8080"
    Then the output is:
      """
      Forwarding from 127.0.0.1:9000 -> 80
      Forwarding from [::1]:9000 -> 80
      """
    When I send a request to "http://localhost:9000/"
    Then the response status is 200
    And the server sees the client address "127.0.0.1"
    When I run "kubectl logs web --tail=1"
    Then the output contains "127.0.0.1 - - [01/Mar/2025:09:00:04 +0000] \"GET / HTTP/1.1\" 200 615"
