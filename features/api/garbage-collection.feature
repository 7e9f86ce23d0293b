Feature: The garbage collector follows ownerReferences with the propagation policy of the delete
  Deleting an owner in the background (kubectl's default) removes the owner at once and its
  dependents afterwards; in the foreground the owner waits, with the foregroundDeletion finalizer,
  until the dependents that block it are gone; with orphan the dependents stay and lose the
  reference.

  Background:
    Given a cluster with 1 node
    And I apply:
      """
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: parent
      """
    And I run "kubectl run child-1 --image=nginx"
    And I run "kubectl run child-2 --image=nginx"
    And pod "child-1" is owned by configmap "parent"
    And pod "child-2" is owned by configmap "parent"
    And within 30 seconds, 2 pods matching "run" are "Running"

  Scenario: Background: the owner goes first, then its dependents
    When I run "kubectl delete configmap parent --wait=false"
    Then the output is:
      """
      configmap "parent" deleted
      """
    And "kubectl get pods" prints:
      """
      NAME      READY   STATUS        RESTARTS   AGE
      child-1   1/1     Terminating   0          4s
      child-2   1/1     Terminating   0          4s
      """
    And within 1 minute, "kubectl get pods -o name" prints:
      """
      """

  Scenario: Orphan: the dependents stay and lose their owner reference
    When I run "kubectl delete configmap parent --cascade=orphan"
    Then the output is:
      """
      configmap "parent" deleted
      """
    And for 1 minute, 2 pods matching "run" are "Running"
    When I run "kubectl get pod child-1 -o yaml"
    Then the output does not contain "ownerReferences"

  Scenario: Foreground: the owner waits for its blocking dependents
    Given I apply:
      """
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: held-child
        finalizers:
        - example.com/hold
      """
    And configmap "held-child" is owned by configmap "parent" with blockOwnerDeletion
    When I run "kubectl delete configmap parent --cascade=foreground --wait=false"
    Then the output is:
      """
      configmap "parent" deleted
      """
    And within 1 minute, "kubectl get pods -o name" prints:
      """
      """
    When I run "kubectl get configmap parent -o yaml"
    Then the output contains:
      """
        finalizers:
        - foregroundDeletion
      """
    When I run:
      """
      kubectl patch configmap held-child --type=json -p '[{"op":"remove","path":"/metadata/finalizers"}]'
      """
    Then within 10 seconds, "kubectl get configmaps -o name" prints:
      """
      configmap/kube-root-ca.crt
      """
