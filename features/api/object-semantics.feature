Feature: Object metadata, optimistic concurrency and deletion behave as in Kubernetes
  The apiserver names objects from generateName, counts spec changes in generation, refuses writes
  based on a stale resourceVersion, keeps objects with finalizers until the finalizers are gone, and
  deletes pods gracefully unless forced.

  Background:
    Given a cluster with 1 node

  Scenario: generateName gets five random characters
    When I run:
      """
      kubectl create -f -
      apiVersion: v1
      kind: ConfigMap
      metadata:
        generateName: settings-
      """
    Then the output contains "configmap/settings-"
    When I run "kubectl get configmaps -o name"
    Then the output contains "configmap/settings-"

  Scenario: A write based on a stale resourceVersion is a conflict
    Given I apply:
      """
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: settings
      data:
        mode: fast
      """
    When I run:
      """
      kubectl replace -f -
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: settings
        resourceVersion: "1"
      data:
        mode: slow
      """
    Then the command fails with:
      """
      Error from server (Conflict): error when replacing "STDIN": Operation cannot be fulfilled on configmaps "settings": the object has been modified; please apply your changes to the latest version and try again
      """
    When I run:
      """
      kubectl replace -f -
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: settings
      data:
        mode: slow
      """
    Then the output is:
      """
      configmap/settings replaced
      """

  Scenario: generation counts spec changes only
    Given I apply:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        selector:
          matchLabels: {app: web}
        template:
          metadata:
            labels: {app: web}
          spec:
            containers:
            - name: web
              image: nginx
      """
    When I run "kubectl label deployment web tier=front"
    And I run "kubectl get deployment web -o yaml"
    Then the output contains "generation: 1"
    When I run:
      """
      kubectl patch deployment web -p '{"spec":{"template":{"spec":{"containers":[{"name":"web","image":"nginx:1.27"}]}}}}'
      """
    And I run "kubectl get deployment web -o yaml"
    Then the output contains "generation: 2"

  Scenario: A finalizer holds a deleted object until it is removed
    Given I apply:
      """
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: held
        finalizers:
        - example.com/hold
      """
    When I run "kubectl delete configmap held --wait=false"
    Then the output is:
      """
      configmap "held" deleted
      """
    When I run "kubectl get configmap held -o yaml"
    Then the output contains:
      """
        deletionGracePeriodSeconds: 0
        deletionTimestamp: "2025-03-01T09:00:00Z"
        finalizers:
        - example.com/hold
      """
    When I run "kubectl delete configmap held --timeout=10s"
    Then the command fails with "error: timed out waiting for the condition on configmaps/held"
    When I run:
      """
      kubectl patch configmap held --type=json -p '[{"op":"remove","path":"/metadata/finalizers"}]'
      """
    Then the output is:
      """
      configmap/held patched
      """
    When I run "kubectl get configmap held"
    Then the command fails with:
      """
      Error from server (NotFound): configmaps "held" not found
      """

  Scenario: A pod is deleted gracefully: Terminating, then gone once its kubelet has stopped it
    Given I run "kubectl run web --image=nginx"
    And within 30 seconds, pod "web" is "Running"
    When I run "kubectl delete pod web --wait=false"
    Then the output is:
      """
      pod "web" deleted
      """
    And pod "web" is "Terminating"
    When I run "kubectl get pod web -o yaml"
    Then the output contains "deletionGracePeriodSeconds: 30"
    And within 30 seconds, "kubectl get pods" prints:
      """
      """

  Scenario: --grace-period=0 --force removes the pod at once
    Given I run "kubectl run web --image=nginx"
    And within 30 seconds, pod "web" is "Running"
    When I run "kubectl delete pod web --grace-period=0 --force"
    Then the output is:
      """
      pod "web" force deleted
      """
    And the error output is:
      """
      Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.
      """
    When I run "kubectl get pods"
    Then the error output is:
      """
      No resources found in default namespace.
      """

  Scenario: An object to be created may not carry a resourceVersion
    When I run:
      """
      kubectl create -f -
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: settings
        resourceVersion: "12"
      """
    Then the command fails with:
      """
      Error from server (BadRequest): error when creating "STDIN": resourceVersion should not be set on objects to be created
      """
