Feature: Node and control-plane operations
  Removing a node leaves its pods bound to a node that no longer exists; the pod garbage collector
  checks every 20 s and, after a 40 s quarantine, marks them Failed and force-deletes them, so the
  ReplicaSet replaces them. A kubelet restart keeps the containers running. While the scheduler
  is stopped, new pods wait in Pending; while the controller-manager is stopped nothing is
  replaced.

  Background:
    Given a cluster with 2 nodes
    When I apply:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        replicas: 2
        selector:
          matchLabels:
            app: web
        template:
          metadata:
            labels:
              app: web
          spec:
            containers:
            - name: nginx
              image: nginx
      """
    Then within 1 minute, 2 pods matching "app=web" are "Running"
    And 1 pod matching "app=web" on node "node-1" is "Running"

  Scenario: A removed node's pods are garbage-collected and replaced
    When node "node-1" is removed from the cluster
    Then node "node-1" no longer exists
    And for 40 seconds, 1 pod matching "app=web" on node "node-1" is "Running"
    And within 1 minute, 0 pods matching "app=web" on node "node-1" are "Running"
    And within 30 seconds, 2 pods matching "app=web" on node "node-2" are "Running"

  Scenario: A kubelet restart keeps its pods running
    When the kubelet on node "node-1" restarts
    Then for 2 minutes, node "node-1" is "Ready"
    And 1 pod matching "app=web" on node "node-1" is "Running"
    And 2 pods matching "app=web" are ready

  Scenario: Without a scheduler new pods wait; without a controller-manager nothing is replaced
    When "kube-scheduler" stops
    And I run "kubectl scale deployment web --replicas=3"
    Then for 1 minute, 1 pod matching "app=web" is "Pending"
    When "kube-scheduler" starts
    Then within 10 seconds, 3 pods matching "app=web" are "Running"
    When "kube-controller-manager" stops
    And I run "kubectl delete pods -l app=web --wait=false"
    Then within 1 minute, 0 pods matching "app=web" are "Running"
    And for 1 minute, 0 pods matching "app=web" are "ContainerCreating"
    When "kube-controller-manager" starts
    Then within 1 minute, 3 pods matching "app=web" are "Running"
