Feature: Manifests from files, and waiting in cluster time
  Specs can apply manifests kept next to the feature file, and state what must become true
  ("within") or stay true ("for") over a span of cluster time. Waiting is virtual: these minutes
  take milliseconds.

  Background:
    Given a cluster with 2 nodes

  Scenario: Two web pods from a file become Running
    When I apply the file "manifests/web-pods.yaml"
    Then 2 pods matching "app=web" are "ContainerCreating"
    And within 1 minute, 2 pods matching "app=web" are "Running"
    And within 10 seconds, "kubectl get pods -l app=web -o name" prints:
      """
      pod/web-1
      pod/web-2
      """
    When I run "kubectl get pods -l app=web"
    Then the output is:
      """
      NAME    READY   STATUS    RESTARTS   AGE
      web-1   1/1     Running   0          4s
      web-2   1/1     Running   0          4s
      """

  Scenario: Nothing appears when nothing was asked for
    Then for 2 minutes, "kubectl get pods -o name" prints:
      """
      """
    When I run "kubectl get pod web-1"
    Then the command fails with "pods \"web-1\" not found"
