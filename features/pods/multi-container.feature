Feature: Multi-container pods
  A pod can hold several tightly coupled containers that are scheduled together, share the pod's
  network namespace and start on the same node. READY counts the ready containers of all of them.

  Scenario: Two containers are counted as 2/2 once both are ready
    Given a cluster with 2 nodes
    When I apply:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: web-with-helper
      spec:
        containers:
        - name: web
          image: nginx
          ports:
          - containerPort: 80
        - name: helper
          image: busybox
          command: ["sleep", "3600"]
      """
    And I run "kubectl get pod web-with-helper"
    Then the output is:
      """
      NAME              READY   STATUS              RESTARTS   AGE
      web-with-helper   0/2     ContainerCreating   0          0s
      """
    And within 1 minute, pod "web-with-helper" is "Running"
    When I run "kubectl get pod web-with-helper"
    Then the output is:
      """
      NAME              READY   STATUS    RESTARTS   AGE
      web-with-helper   2/2     Running   0          5s
      """
    When I run "kubectl get pod web-with-helper -o wide"
    Then the output contains "web-with-helper   2/2     Running   0          5s    10.244."
