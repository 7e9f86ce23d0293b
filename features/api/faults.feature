Feature: etcd unavailability: writes fail, components retry, nothing acknowledged is lost
  While etcd is unavailable the apiserver answers writes and consistent reads with etcd's error.
  Components keep retrying with back-off (informers relist, work queues requeue, event writes are
  tried again every 10 seconds), so once etcd is back the cluster converges; a write that was
  acknowledged before the outage is still there, one that failed never happened.

  Background:
    Given a cluster with 2 nodes

  Scenario: Requests fail during the outage and the cluster catches up after it
    Given I run "kubectl run web --image=nginx"
    When etcd becomes unavailable
    And I run "kubectl run other --image=nginx"
    Then the command fails with:
      """
      Error from server: etcdserver: request timed out
      """
    When I run "kubectl get pods"
    Then the command fails with:
      """
      Error from server: etcdserver: request timed out
      """
    When 1 minute passes
    And etcd becomes available
    Then within 1 minute, pod "web" is "Running"
    And "kubectl get pods -o name" prints:
      """
      pod/web
      """
    When I run "kubectl get events --field-selector involvedObject.name=web,reason=Started -o name"
    Then the output contains "event/web."

  Scenario: A deletion acknowledged before the outage completes after it
    Given I run "kubectl run web --image=nginx"
    And within 30 seconds, pod "web" is "Running"
    When I run "kubectl delete pod web --wait=false"
    And etcd becomes unavailable
    And 2 minutes pass
    And etcd becomes available
    Then within 1 minute, "kubectl get pods -o name" prints:
      """
      """
