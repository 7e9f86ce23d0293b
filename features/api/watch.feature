Feature: Watches report every change in order, with bookmarks, and expire with compaction
  A watch first lists what exists as ADDED events, then reports each committed change once, in
  order. A client that asks for bookmarks gets one about every minute carrying the current
  resourceVersion. A watch can resume from a resourceVersion; once etcd has compacted that revision
  away (every 5 minutes) the apiserver answers 410 Gone: too old resource version.

  Background:
    Given a cluster with 1 node
    And I apply:
      """
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: first
      """

  Scenario: Changes in order, then a bookmark every minute
    When I watch configmaps with bookmarks
    And I apply:
      """
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: second
      """
    And I run "kubectl label configmap first tier=front"
    And I run "kubectl delete configmap second"
    And 2 minutes pass
    Then the watch has received:
      | type     | name             |
      | ADDED    | first            |
      | ADDED    | kube-root-ca.crt |
      | ADDED    | second           |
      | MODIFIED | first            |
      | DELETED  | second           |
      | BOOKMARK |                  |
      | BOOKMARK |                  |

  Scenario: A watch from a resourceVersion replays what happened after it
    Given I apply:
      """
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: second
      """
    And I run "kubectl label configmap second tier=back"
    When I watch configmaps from the resource version of configmap "first"
    Then the watch has received:
      | type     | name   |
      | ADDED    | second |
      | MODIFIED | second |

  Scenario: After compaction an old resourceVersion is too old
    When 11 minutes pass
    Then watching configmaps from the resource version of configmap "first" fails with "too old resource version: "
