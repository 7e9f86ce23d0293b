Feature: Pods choose their scheduler by name
  `spec.schedulerName` (default `default-scheduler`) says which scheduler profile places the pod. A
  pod naming a scheduler that does not run is left alone: it stays Pending with no event and no
  condition, until a scheduler with that name starts (the seed notes deploy `my-custom-scheduler`
  next to the default one).

  Scenario: A pod for my-custom-scheduler waits until that scheduler runs
    Given a cluster with 1 node
    When I apply:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: custom
      spec:
        schedulerName: my-custom-scheduler
        containers:
        - name: app
          image: nginx
      """
    Then for 10 minutes, pod "custom" is "Pending"
    When I run "kubectl get events --field-selector involvedObject.name=custom"
    Then the error output is:
      """
      No resources found in default namespace.
      """
    When I run "kubectl describe pod custom"
    Then the output contains:
      """
      Node:             <none>
      """
    And the output contains:
      """
      Events:                      <none>
      """
    Given a scheduler named "my-custom-scheduler" is running
    Then within 10 seconds, pod "custom" is "ContainerCreating"
    When I run "kubectl get events --field-selector involvedObject.name=custom,reason=Scheduled -o wide"
    Then the output contains "my-custom-scheduler, my-custom-scheduler-control-plane"
    When I run "kubectl describe pod custom"
    Then the output contains:
      """
        Type    Reason     Age   From                 Message
        ----    ------     ----  ----                 -------
        Normal  Scheduled  0s    my-custom-scheduler  Successfully assigned default/custom to node-1
      """

  Scenario: The default scheduler leaves such pods alone
    Given a cluster with 1 node
    And a scheduler named "my-custom-scheduler" is running
    When I apply:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: mine
      spec:
        schedulerName: my-custom-scheduler
        containers:
        - name: app
          image: nginx
      ---
      apiVersion: v1
      kind: Pod
      metadata:
        name: theirs
      spec:
        containers:
        - name: app
          image: nginx
      """
    Then within 30 seconds, pod "mine" is "Running"
    And pod "theirs" is "Running"
    And the scheduling of pod "mine" is explained as:
      | node          | filter                                                                                    | chosen |
      | control-plane | TaintToleration: node(s) had untolerated taint {node-role.kubernetes.io/control-plane: } |        |
      | node-1        | passed                                                                                    | yes    |
    When I run "kubectl describe pod mine"
    Then the output contains "my-custom-scheduler  Successfully assigned default/mine to node-1"
    When I run "kubectl describe pod theirs"
    Then the output contains "default-scheduler  Successfully assigned default/theirs to node-1"
