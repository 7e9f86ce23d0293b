Feature: Static pods and their mirror pods
  A kubelet also runs the pods whose manifests sit in its static pod directory
  (/etc/kubernetes/manifests), without the scheduler or the apiserver deciding anything. It names
  each `<name>-<node>` and creates a mirror pod in the apiserver so kubectl can see it: annotated
  with `kubernetes.io/config.mirror`, owned by the Node. Deleting the mirror pod does not stop the
  static pod; the kubelet recreates the mirror. Removing the manifest stops the pod.

  Background:
    Given a cluster with 1 node
    And node "control-plane" has the static pod manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: etcd
        namespace: kube-system
        labels:
          component: etcd
          tier: control-plane
      spec:
        priorityClassName: system-node-critical
        containers:
        - name: etcd
          image: nginx:1.27
          resources:
            requests:
              cpu: 100m
              memory: 100Mi
      """

  Scenario: The static pod runs on its node and is mirrored in the apiserver
    When 10 seconds pass
    And I run "kubectl get pods -n kube-system -o wide"
    Then the output is:
      """
      NAME                 READY   STATUS    RESTARTS   AGE   IP           NODE            NOMINATED NODE   READINESS GATES
      etcd-control-plane   1/1     Running   0          10s   10.244.0.2   control-plane   <none>           <none>
      """
    When I run "kubectl describe pod etcd-control-plane -n kube-system"
    Then the output contains:
      """
      Name:                 etcd-control-plane
      Namespace:            kube-system
      Priority:             2000001000
      Priority Class Name:  system-node-critical
      Node:                 control-plane/172.18.0.2
      """
    And the output contains:
      """
      Annotations:          kubernetes.io/config.hash: 151c13e4bef69060cc77276d0b913075
                            kubernetes.io/config.mirror: 151c13e4bef69060cc77276d0b913075
                            kubernetes.io/config.seen: 2025-03-01T09:00:00Z
                            kubernetes.io/config.source: file
      Status:               Running
      """
    And the output contains:
      """
      Controlled By:  Node/control-plane
      """
    And the output contains:
      """
      Tolerations:                  :NoExecute op=Exists
      """

  Scenario: Deleting the mirror pod does not stop the static pod
    When 10 seconds pass
    And I run "kubectl delete pod etcd-control-plane -n kube-system"
    Then the output is:
      """
      pod "etcd-control-plane" deleted
      """
    When I run "kubectl get pods -n kube-system"
    Then the output is:
      """
      NAME                 READY   STATUS    RESTARTS   AGE
      etcd-control-plane   1/1     Running   0          0s
      """

  Scenario: Removing the manifest stops the static pod and deletes its mirror
    When 10 seconds pass
    And the static pod manifest "etcd" is removed from node "control-plane"
    And I run "kubectl get pods -n kube-system"
    Then the error output is:
      """
      No resources found in kube-system namespace.
      """

  Scenario: Static pods count in the node's allocated resources
    When 10 seconds pass
    And I run "kubectl describe node control-plane"
    Then the output contains:
      """
        kube-system                 etcd-control-plane    100m (2%)     0 (0%)      100Mi (1%)       0 (0%)         10s
      """
