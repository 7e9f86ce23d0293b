Feature: PriorityClasses give pods their priority
  A PriorityClass maps a name to a priority value. The Priority admission plugin copies the value
  (and the class's preemptionPolicy) into each pod that names the class; pods naming none get the
  class marked `globalDefault`, or priority 0. Only one class may be the global default, user
  classes may not exceed 1000000000, and names starting with `system-` are reserved for the two
  classes every cluster has.

  Scenario: Every cluster has the system classes
    Given a cluster with 1 node
    When I run "kubectl get priorityclasses"
    Then the output is:
      """
      NAME                      VALUE        GLOBAL-DEFAULT   AGE   PREEMPTIONPOLICY
      system-cluster-critical   2000000000   false            0s    PreemptLowerPriority
      system-node-critical      2000001000   false            0s    PreemptLowerPriority
      """

  Scenario: A global default class applies to pods that name none
    Given a cluster with 1 node
    When I apply:
      """
      apiVersion: scheduling.k8s.io/v1
      kind: PriorityClass
      metadata:
        name: standard
      value: 1000
      globalDefault: true
      preemptionPolicy: Never
      """
    And I run "kubectl run web --image=nginx"
    And I run "kubectl get pod web -o yaml"
    Then the output contains:
      """
        preemptionPolicy: Never
        priority: 1000
        priorityClassName: standard
      """
    When I run "kubectl get pc standard"
    Then the output is:
      """
      NAME       VALUE   GLOBAL-DEFAULT   AGE   PREEMPTIONPOLICY
      standard   1000    true             0s    Never
      """

  Scenario: Invalid classes and pods are rejected
    Given a cluster with 1 node
    When I apply:
      """
      apiVersion: scheduling.k8s.io/v1
      kind: PriorityClass
      metadata:
        name: standard
      value: 1000
      globalDefault: true
      """
    And I run:
      """
      kubectl apply -f -
      apiVersion: scheduling.k8s.io/v1
      kind: PriorityClass
      metadata:
        name: another-default
      value: 10
      globalDefault: true
      """
    Then the command fails with:
      """
      Error from server (Forbidden): error when creating "STDIN": priorityclasses.scheduling.k8s.io "another-default" is forbidden: PriorityClass standard is already marked as default. Only one default can exist
      """
    When I run:
      """
      kubectl apply -f -
      apiVersion: scheduling.k8s.io/v1
      kind: PriorityClass
      metadata:
        name: too-high
      value: 1000000001
      """
    Then the command fails with:
      """
      The PriorityClass "too-high" is invalid: value: Forbidden: maximum allowed value of a user defined priority is 1000000000
      """
    When I run:
      """
      kubectl apply -f -
      apiVersion: scheduling.k8s.io/v1
      kind: PriorityClass
      metadata:
        name: system-mine
      value: 10
      """
    Then the command fails with:
      """
      The PriorityClass "system-mine" is invalid: metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: system-mine is not a known system priority class
      """
    When I run:
      """
      kubectl apply -f -
      apiVersion: v1
      kind: Pod
      metadata:
        name: orphan
      spec:
        priorityClassName: missing
        containers:
        - name: app
          image: nginx
      """
    Then the command fails with:
      """
      Error from server (Forbidden): error when creating "STDIN": pods "orphan" is forbidden: no PriorityClass with name missing was found
      """
    When I run:
      """
      kubectl apply -f -
      apiVersion: v1
      kind: Pod
      metadata:
        name: self-made
      spec:
        priority: 5
        containers:
        - name: app
          image: nginx
      """
    Then the command fails with:
      """
      Error from server (Forbidden): error when creating "STDIN": pods "self-made" is forbidden: the integer value of priority (5) must not be provided in pod spec; priority admission controller computed 1000 from the given PriorityClass name
      """
