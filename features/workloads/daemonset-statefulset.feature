Feature: DaemonSets follow the nodes; StatefulSets start in order
  A DaemonSet runs one pod on every node whose taints it tolerates, including nodes that join
  later. A StatefulSet names its pods <set>-0, <set>-1, … and, with OrderedReady, starts each only
  when the one before it is Running and Ready; scaling down removes the highest ordinal first.

  Scenario: A DaemonSet pod on every worker, and on a node that joins
    Given a cluster with 2 nodes
    When I apply:
      """
      apiVersion: apps/v1
      kind: DaemonSet
      metadata:
        name: agent
      spec:
        selector:
          matchLabels:
            app: agent
        template:
          metadata:
            labels:
              app: agent
          spec:
            containers:
            - name: agent
              image: busybox
              command: ["sleep", "infinity"]
      """
    Then within 1 minute, 2 pods matching "app=agent" are "Running"
    And 0 pods matching "app=agent" on node "control-plane" are "Running"
    When a new node "node-3" joins the cluster
    Then within 1 minute, 1 pod matching "app=agent" on node "node-3" is "Running"
    When I run "kubectl get ds agent"
    Then the output is:
      """
      NAME    DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR   AGE
      agent   3         3         3       3            3           <none>          4s
      """

  Scenario: StatefulSet pods start one after another and leave in reverse
    Given a cluster with 2 nodes
    When I apply:
      """
      apiVersion: apps/v1
      kind: StatefulSet
      metadata:
        name: web
      spec:
        serviceName: web
        replicas: 3
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
    Then pod "web-0" is "ContainerCreating"
    And 1 pod matching "app=web" is "ContainerCreating"
    And within 1 minute, pod "web-2" is "Running"
    When I run "kubectl get events --field-selector involvedObject.kind=StatefulSet"
    Then the output is:
      """
      LAST SEEN   TYPE     REASON             OBJECT            MESSAGE
      10s         Normal   SuccessfulCreate   statefulset/web   create Pod web-0 in StatefulSet web successful
      6s          Normal   SuccessfulCreate   statefulset/web   create Pod web-1 in StatefulSet web successful
      2s          Normal   SuccessfulCreate   statefulset/web   create Pod web-2 in StatefulSet web successful
      """
    When I run "kubectl scale statefulset web --replicas=1"
    Then within 1 minute, 1 pod matching "app=web" is "Running"
    And pod "web-0" is "Running"
    When I run "kubectl get sts web"
    Then the output is:
      """
      NAME   READY   AGE
      web    1/1     10s
      """
