Feature: A pod that names its node bypasses the scheduler
  With `spec.nodeName` set the pod is bound from the start: kube-scheduler never sees it, so there
  is no `Scheduled` event, and neither NoSchedule taints nor the scheduler's filters apply — the
  kubelet of that node just runs it.

  Scenario: nodeName puts a pod on the tainted control-plane node
    Given a cluster with 2 nodes
    When I apply:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: manual
      spec:
        nodeName: control-plane
        containers:
        - name: app
          image: nginx
      """
    Then within 30 seconds, pod "manual" is "Running"
    And pod "manual" runs on node "control-plane"
    When I run "kubectl get events --field-selector involvedObject.name=manual,reason=Scheduled"
    Then the error output is:
      """
      No resources found in default namespace.
      """
