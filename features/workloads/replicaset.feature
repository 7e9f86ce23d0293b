Feature: A ReplicaSet keeps its replica count
  The ReplicaSet controller counts the active pods its selector matches (pods being deleted or
  finished do not count) and creates or deletes pods, named <replicaset>-<5 random characters>, to
  reach spec.replicas.

  Background:
    Given a cluster with 2 nodes
    When I apply:
      """
      apiVersion: apps/v1
      kind: ReplicaSet
      metadata:
        name: frontend
      spec:
        replicas: 3
        selector:
          matchLabels:
            tier: frontend
        template:
          metadata:
            labels:
              tier: frontend
          spec:
            containers:
            - name: nginx
              image: nginx
      """
    Then within 1 minute, 3 pods matching "tier=frontend" are "Running"

  Scenario: A deleted pod is replaced at once
    When I run "kubectl delete pods -l tier=frontend --wait=false"
    Then within 1 second, 3 pods matching "tier=frontend" are "ContainerCreating"
    And within 1 minute, 3 pods matching "tier=frontend" are "Running"
    When I run "kubectl get rs frontend"
    Then the output is:
      """
      NAME       DESIRED   CURRENT   READY   AGE
      frontend   3         3         3       6s
      """

  Scenario: Scaling down deletes pods, scaling up creates them
    When I run "kubectl scale rs frontend --replicas=1"
    Then the output is:
      """
      replicaset.apps/frontend scaled
      """
    And within 1 minute, 1 pod matching "tier=frontend" is "Running"
    And within 1 minute, 0 pods matching "tier=frontend" are "Terminating"
    When I run "kubectl scale rs frontend --replicas=4"
    Then within 1 minute, 4 pods matching "tier=frontend" are "Running"

  Scenario: A selector that does not match the template is refused
    When I run:
      """
      kubectl apply -f -
      apiVersion: apps/v1
      kind: ReplicaSet
      metadata:
        name: broken
      spec:
        selector:
          matchLabels:
            app: one
        template:
          metadata:
            labels:
              app: two
          spec:
            containers:
            - name: nginx
              image: nginx
      """
    Then the command fails with:
      """
      The ReplicaSet "broken" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"two"}: `selector` does not match template `labels`
      """
