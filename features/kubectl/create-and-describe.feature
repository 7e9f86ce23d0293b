Feature: Creating objects from the command line, and describing them
  `kubectl create deployment|namespace|configmap` build the object from flags: a Deployment gets
  the label and selector app=NAME and one container per image, named after the image.
  `kubectl describe` shows namespaces, service accounts, config maps and secrets as kubectl v1.32
  does.

  Scenario: A Deployment from the command line
    Given a cluster with 2 nodes
    When I run "kubectl create deployment web --image=nginx:1.27 --replicas=3 --port=80"
    Then the output is:
      """
      deployment.apps/web created
      """
    And within 1 minute, 3 pods matching "app=web" are "Running"
    When I run "kubectl get deployment web -o wide"
    Then the output is:
      """
      NAME   READY   UP-TO-DATE   AVAILABLE   AGE   CONTAINERS   IMAGES       SELECTOR
      web    3/3     3            3           4s    nginx        nginx:1.27   app=web
      """
    When I run "kubectl create deployment web --image=nginx"
    Then the command fails with:
      """
      error: failed to create deployment: deployments.apps "web" already exists
      """
    When I run "kubectl create deployment api"
    Then the command fails with:
      """
      error: required flag(s) "image" not set
      """
    When I run "kubectl create deployment --image=nginx"
    Then the command fails with:
      """
      error: exactly one NAME is required, got 0
      See 'kubectl create deployment -h' for help and examples
      """
    When I run "kubectl create deployment sleeper --image=busybox:1.36 --dry-run=client -o yaml -- sleep 3600"
    Then the output is:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        creationTimestamp: null
        labels:
          app: sleeper
        name: sleeper
      spec:
        replicas: 1
        selector:
          matchLabels:
            app: sleeper
        strategy: {}
        template:
          metadata:
            creationTimestamp: null
            labels:
              app: sleeper
          spec:
            containers:
            - command:
              - sleep
              - "3600"
              image: busybox:1.36
              name: busybox
              resources: {}
      status: {}
      """
    When I run "kubectl get deployment sleeper"
    Then the command fails with:
      """
      Error from server (NotFound): deployments.apps "sleeper" not found
      """

  Scenario: rollout history --revision prints the pod template of a revision
    Given a cluster with 1 node
    When I run "kubectl create deployment web --image=nginx:1.26"
    And I run "kubectl set image deployment/web nginx=nginx:1.27"
    And I run "kubectl rollout history deployment/web --revision=1"
    Then the output is:
      """
      deployment.apps/web with revision #1
      Pod Template:
        Labels:	app=web
      	pod-template-hash=7989497b58
        Containers:
         nginx:
          Image:	nginx:1.26
          Port:	<none>
          Host Port:	<none>
          Environment:	<none>
          Mounts:	<none>
        Volumes:	<none>
        Node-Selectors:	<none>
        Tolerations:	<none>
      """
    When I run "kubectl rollout history deployment/web --revision=3"
    Then the command fails with:
      """
      error: unable to find the specified revision
      """

  Scenario: A namespace, a config map, a secret and a service account
    Given a cluster with 1 node
    When I run "kubectl create namespace shop"
    Then the output is:
      """
      namespace/shop created
      """
    When I run "kubectl describe namespace shop"
    Then the output is:
      """
      Name:         shop
      Labels:       kubernetes.io/metadata.name=shop
      Annotations:  <none>
      Status:       Active

      No resource quota.

      No LimitRange resource.
      """
    When I run "kubectl create configmap settings -n shop --from-literal=color=blue --from-literal=greeting=hello world"
    Then the command fails with:
      """
      error: exactly one NAME is required, got 2
      """
    When I run "kubectl create configmap settings -n shop --from-literal=color=blue --from-literal='greeting=hello world'"
    Then the output is:
      """
      configmap/settings created
      """
    When I run "kubectl describe configmap settings -n shop"
    Then the output is:
      """
      Name:         settings
      Namespace:    shop
      Labels:       <none>
      Annotations:  <none>

      Data
      ====
      color:
      ----
      blue

      greeting:
      ----
      hello world


      BinaryData
      ====

      Events:  <none>
      """
    When I run "kubectl create configmap broken --from-literal=color"
    Then the command fails with:
      """
      error: invalid literal source color, expected key=value
      """
    When I run:
      """
      kubectl apply -f -
      apiVersion: v1
      kind: Secret
      metadata:
        name: db-credentials
        namespace: shop
      type: Opaque
      data:
        password: czNjcjN0
        username: YWRtaW4=
      """
    And I run "kubectl describe secret db-credentials -n shop"
    Then the output is:
      """
      Name:         db-credentials
      Namespace:    shop
      Labels:       <none>
      Annotations:  <none>

      Type:  Opaque

      Data
      ====
      password:  6 bytes
      username:  5 bytes
      """
    When I run "kubectl describe serviceaccount default -n shop"
    Then the output is:
      """
      Name:                default
      Namespace:           shop
      Labels:              <none>
      Annotations:         <none>
      Image pull secrets:  <none>
      Mountable secrets:   <none>
      Tokens:              <none>
      Events:              <none>
      """
