Feature: Static pods and their mirror pods
  A kubelet also runs the pods whose manifests sit in its static pod directory
  (/etc/kubernetes/manifests), without the scheduler or the apiserver deciding anything. It names
  each `<name>-<node>` and creates a mirror pod in the apiserver so kubectl can see it: annotated
  with `kubernetes.io/config.mirror`, owned by the Node. Deleting the mirror pod does not stop the
  static pod; the kubelet recreates the mirror. Removing the manifest stops the pod.

  Background:
    Given a cluster with 1 node
    And node "node-1" has the static pod manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: static-web
        labels:
          role: myrole
      spec:
        containers:
        - name: web
          image: nginx:1.27
          ports:
          - name: web
            containerPort: 80
            protocol: TCP
          resources:
            requests:
              cpu: 100m
              memory: 100Mi
      """

  Scenario: The static pod runs on its node and is mirrored in the apiserver
    When 10 seconds pass
    And I run "kubectl get pods -o wide"
    Then the output is:
      """
      NAME                READY   STATUS    RESTARTS   AGE   IP           NODE     NOMINATED NODE   READINESS GATES
      static-web-node-1   1/1     Running   0          10s   10.244.1.2   node-1   <none>           <none>
      """
    When I run "kubectl describe pod static-web-node-1"
    Then the output contains:
      """
      Name:         static-web-node-1
      Namespace:    default
      Priority:     0
      Node:         node-1/172.18.0.3
      """
    And the output contains:
      """
      Annotations:  kubernetes.io/config.hash: 30bec5f3492d4756179016ecdcbceb91
                    kubernetes.io/config.mirror: 30bec5f3492d4756179016ecdcbceb91
                    kubernetes.io/config.seen: 2025-03-01T09:00:00Z
                    kubernetes.io/config.source: file
      Status:       Running
      """
    And the output contains:
      """
      Controlled By:  Node/node-1
      """
    And the output contains:
      """
      Tolerations:                  :NoExecute op=Exists
      """

  Scenario: Deleting the mirror pod does not stop the static pod
    When 10 seconds pass
    And I run "kubectl delete pod static-web-node-1"
    Then the output is:
      """
      pod "static-web-node-1" deleted
      """
    When I run "kubectl get pods"
    Then the output is:
      """
      NAME                READY   STATUS    RESTARTS   AGE
      static-web-node-1   1/1     Running   0          0s
      """

  Scenario: Removing the manifest stops the static pod and deletes its mirror
    When 10 seconds pass
    And the static pod manifest "static-web" is removed from node "node-1"
    And I run "kubectl get pods"
    Then the error output is:
      """
      No resources found in default namespace.
      """

  Scenario: Static pods count in the node's allocated resources
    When 10 seconds pass
    And I run "kubectl describe node node-1"
    Then the output contains:
      """
      Non-terminated Pods:          (2 in total)
        Namespace                   Name                 CPU Requests  CPU Limits  Memory Requests  Memory Limits  Age
        ---------                   ----                 ------------  ----------  ---------------  -------------  ---
        default                     static-web-node-1    100m (2%)     0 (0%)      100Mi (1%)       0 (0%)         10s
        kube-system                 kube-proxy-pnggb     0 (0%)        0 (0%)      0 (0%)           0 (0%)         10s
      """
