Feature: A Deployment rolls out a new version step by step
  A Deployment owns one ReplicaSet per pod template, named <deployment>-<pod-template-hash>. A
  RollingUpdate with the defaults (maxSurge 25%, maxUnavailable 25%) on 4 replicas may run 5 pods
  and must keep 3 available: the new ReplicaSet grows as old pods become unnecessary, and the
  Deployment controller records each step as a ScalingReplicaSet event.

  Background:
    Given a cluster with 3 nodes
    When I apply:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        replicas: 4
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
              image: nginx:1.26
      """
    Then "kubectl rollout status deployment/web" prints:
      """
      Waiting for deployment "web" rollout to finish: 0 of 4 updated replicas are available...
      Waiting for deployment "web" rollout to finish: 3 of 4 updated replicas are available...
      deployment "web" successfully rolled out
      """

  Scenario: Rolling update, then rollback
    When I run "kubectl set image deployment/web nginx=nginx:1.27"
    Then the output is:
      """
      deployment.apps/web image updated
      """
    When I run "kubectl get rs"
    Then the output is:
      """
      NAME             DESIRED   CURRENT   READY   AGE
      web-66fd85854b   2         2         0       0s
      web-6d8cf46959   3         3         3       4s
      """
    When I run "kubectl rollout status deployment/web"
    Then the output is:
      """
      Waiting for deployment "web" rollout to finish: 2 out of 4 new replicas have been updated...
      Waiting for deployment "web" rollout to finish: 1 old replicas are pending termination...
      Waiting for deployment "web" rollout to finish: 3 of 4 updated replicas are available...
      deployment "web" successfully rolled out
      """
    When I run "kubectl get deploy web -o wide"
    Then the output is:
      """
      NAME   READY   UP-TO-DATE   AVAILABLE   AGE   CONTAINERS   IMAGES       SELECTOR
      web    4/4     4            4           12s   nginx        nginx:1.27   app=web
      """
    When I run "kubectl get events --field-selector involvedObject.kind=Deployment"
    Then the output is:
      """
      LAST SEEN   TYPE     REASON              OBJECT           MESSAGE
      12s         Normal   ScalingReplicaSet   deployment/web   Scaled up replica set web-6d8cf46959 from 0 to 4
      8s          Normal   ScalingReplicaSet   deployment/web   Scaled up replica set web-66fd85854b from 0 to 1
      8s          Normal   ScalingReplicaSet   deployment/web   Scaled down replica set web-6d8cf46959 from 4 to 3
      8s          Normal   ScalingReplicaSet   deployment/web   Scaled up replica set web-66fd85854b from 1 to 2
      4s          Normal   ScalingReplicaSet   deployment/web   Scaled down replica set web-6d8cf46959 from 3 to 2
      4s          Normal   ScalingReplicaSet   deployment/web   Scaled up replica set web-66fd85854b from 2 to 3
      4s          Normal   ScalingReplicaSet   deployment/web   Scaled down replica set web-6d8cf46959 from 2 to 1
      4s          Normal   ScalingReplicaSet   deployment/web   Scaled up replica set web-66fd85854b from 3 to 4
      2s          Normal   ScalingReplicaSet   deployment/web   Scaled down replica set web-6d8cf46959 from 1 to 0
      """
    When I run "kubectl rollout history deployment/web"
    Then the output is:
      """
      deployment.apps/web 
      REVISION  CHANGE-CAUSE
      1         <none>
      2         <none>

      """
    When I run "kubectl rollout undo deployment/web"
    Then the output is:
      """
      deployment.apps/web rolled back
      """
    And within 1 minute, 4 pods matching "app=web,pod-template-hash=6d8cf46959" are "Running"
    When I run "kubectl rollout history deployment/web"
    Then the output is:
      """
      deployment.apps/web 
      REVISION  CHANGE-CAUSE
      2         <none>
      3         <none>

      """
    When I run "kubectl get deploy web -o yaml"
    Then the output contains:
      """
          deployment.kubernetes.io/revision: "3"
      """
    And the output contains:
      """
        - lastTransitionTime: "2025-03-01T09:00:04Z"
          lastUpdateTime: "2025-03-01T09:00:04Z"
          message: Deployment has minimum availability.
          reason: MinimumReplicasAvailable
          status: "True"
          type: Available
      """

  Scenario: Recreate stops every old pod before starting new ones
    A merge patch that only sets the type keeps the defaulted rollingUpdate block, which the
    apiserver refuses. kubectl apply sends `$retainKeys: [type]` for the strategy (its patch
    strategy is retainKeys), so the server drops rollingUpdate and the switch is accepted.
    When I run:
      """
      kubectl patch deployment web --type=merge -p '{"spec":{"strategy":{"type":"Recreate"}}}'
      """
    Then the command fails with:
      """
      The Deployment "web" is invalid: spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'
      """
    When I apply:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        replicas: 4
        strategy:
          type: Recreate
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
              image: nginx:1.27
      """
    Then within 1 second, 0 pods matching "app=web,pod-template-hash=6d8cf46959" are "Running"
    And 0 pods matching "app=web,pod-template-hash=66fd85854b" are "ContainerCreating"
    And within 1 minute, 4 pods matching "app=web,pod-template-hash=66fd85854b" are "Running"

  Scenario: Undo without history
    When I run "kubectl rollout undo deployment/web"
    Then the command fails with:
      """
      error: no rollout history found for deployment "web"
      """
