Feature: Single-container pods
  A pod is the smallest deployable unit: one or more containers scheduled together. Most pods run a
  single container, created from YAML with `kubectl create -f` or directly with `kubectl run`.

  Background:
    Given a cluster with 3 nodes

  Scenario: A pod from YAML goes from Pending to Running
    When I run:
      """
      kubectl create -f -
      apiVersion: v1
      kind: Pod
      metadata:
        name: myapp-pod
        labels:
          app: myapp
          type: front-end
      spec:
        containers:
        - name: nginx-container
          image: nginx
      """
    Then the output is:
      """
      pod/myapp-pod created
      """
    And pod "myapp-pod" is "ContainerCreating"
    When 10 seconds pass
    Then pod "myapp-pod" is "Running"
    When I run "kubectl get pods"
    Then the output is:
      """
      NAME        READY   STATUS    RESTARTS   AGE
      myapp-pod   1/1     Running   0          10s
      """
    When I run "kubectl describe pod myapp-pod"
    Then the output contains:
      """
      Name:             myapp-pod
      Namespace:        default
      Priority:         0
      Service Account:  default
      """
    And the output contains:
      """
      Labels:           app=myapp
                        type=front-end
      Annotations:      <none>
      Status:           Running
      """
    And the output contains:
      """
      Containers:
        nginx-container:
      """
    And the output contains:
      """
      Conditions:
        Type                        Status
        PodReadyToStartContainers   True
        Initialized                 True
        Ready                       True
        ContainersReady             True
        PodScheduled                True
      """
    And the output contains "Normal  Pulling    9s    kubelet            Pulling image \"nginx\""

  Scenario: kubectl run creates a pod labelled run=<name>
    When I run "kubectl run nginx --image=nginx"
    Then the output is:
      """
      pod/nginx created
      """
    When I run "kubectl get pod nginx --show-labels"
    Then the output is:
      """
      NAME    READY   STATUS              RESTARTS   AGE   LABELS
      nginx   0/1     ContainerCreating   0          0s    run=nginx
      """
    And within 10 seconds, pod "nginx" is "Running"

  Scenario: Deleting a pod ends its containers gracefully
    When I run "kubectl run nginx --image=nginx"
    And 10 seconds pass
    And I run "kubectl delete pod nginx"
    Then the output is:
      """
      pod "nginx" deleted
      """
    When I run "kubectl get pods"
    Then the output is:
      """
      """
    And the error output is:
      """
      No resources found in default namespace.
      """
