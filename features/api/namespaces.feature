Feature: A deleted namespace is Terminating until its contents are gone
  Deleting a namespace marks it Terminating. Five seconds later the namespace controller deletes
  everything in it, reports what remains in the namespace's conditions, and once nothing is left
  removes its kubernetes finalizer, which lets the namespace go. Meanwhile nothing new may be created
  in it, and deleting it again is refused.

  Background:
    Given a cluster with 1 node
    And I apply:
      """
      apiVersion: v1
      kind: Namespace
      metadata:
        name: dev
      """
    And I run "kubectl run web --image=nginx -n dev"
    And within 30 seconds, pod "dev/web" is "Running"

  Scenario: Terminating, no new content, a refused second delete, then gone
    When I run "kubectl delete namespace dev --wait=false"
    Then the output is:
      """
      namespace "dev" deleted
      """
    And "kubectl get namespace dev" prints:
      """
      NAME   STATUS        AGE
      dev    Terminating   4s
      """
    When I run "kubectl run other --image=nginx -n dev"
    Then the command fails with:
      """
      Error from server (Forbidden): pods "other" is forbidden: unable to create new content in namespace dev because it is being terminated
      """
    When I run "kubectl delete namespace dev --wait=false"
    Then the command fails with:
      """
      Error from server (Conflict): Operation cannot be fulfilled on namespaces "dev": The system is ensuring all content is removed from this namespace.  Upon completion, this namespace will automatically be purged by the system.
      """
    And within 1 minute, "kubectl get namespaces -o name" prints:
      """
      namespace/default
      namespace/kube-node-lease
      namespace/kube-public
      namespace/kube-system
      """

  Scenario: The namespace's conditions say what is still there
    Given I apply:
      """
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: held
        namespace: dev
        finalizers:
        - example.com/hold
      """
    When I run "kubectl delete namespace dev --wait=false"
    And 10 seconds pass
    And I run "kubectl get namespace dev -o yaml"
    Then the output contains:
      """
        - lastTransitionTime: "2025-03-01T09:00:09Z"
          message: 'Some resources are remaining: configmaps. has 1 resource instances'
          reason: SomeResourcesRemain
          status: "True"
          type: NamespaceContentRemaining
        - lastTransitionTime: "2025-03-01T09:00:09Z"
          message: 'Some content in the namespace has finalizers remaining: example.com/hold
            in 1 resource instances'
          reason: SomeFinalizersRemain
          status: "True"
          type: NamespaceFinalizersRemaining
        phase: Terminating
      """
    And for 2 minutes, "kubectl get namespace dev -o name" prints:
      """
      namespace/dev
      """
    When I run:
      """
      kubectl patch configmap held -n dev --type=json -p '[{"op":"remove","path":"/metadata/finalizers"}]'
      """
    Then within 30 seconds, "kubectl get namespace dev" prints:
      """
      """
    And the error output is:
      """
      Error from server (NotFound): namespaces "dev" not found
      """

  Scenario: kubectl waits for the namespace to disappear
    When I run "kubectl delete namespace dev"
    Then the output is:
      """
      namespace "dev" deleted
      """
    And "kubectl get pods -n dev" prints:
      """
      """

  Scenario: The system namespaces cannot be deleted
    When I run "kubectl delete namespace kube-system"
    Then the command fails with:
      """
      Error from server (Forbidden): namespaces "kube-system" is forbidden: this namespace may not be deleted
      """
