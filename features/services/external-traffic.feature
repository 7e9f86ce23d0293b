Feature: Traffic from outside the cluster: node ports, load balancers and traffic policies
  A NodePort service answers on that port of every node; a LoadBalancer service also gets an
  address from the cloud (without a cloud controller EXTERNAL-IP stays <pending>). With
  externalTrafficPolicy Cluster the packet may hop to a pod on another node and the pod sees the
  node's address; with Local only nodes that run a ready pod answer, and the client's address
  is kept.

  Background:
    Given a cluster with 2 nodes
    And I apply:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        replicas: 1
        selector:
          matchLabels: {app: web}
        template:
          metadata:
            labels: {app: web}
          spec:
            nodeSelector:
              kubernetes.io/hostname: node-1
            containers:
            - name: nginx
              image: nginx
      """
    And within 1 minute, service "kubernetes" has 1 ready endpoint

  Scenario: A NodePort answers on every node, and the pod sees the node that forwarded
    When I apply:
      """
      apiVersion: v1
      kind: Service
      metadata:
        name: web
      spec:
        type: NodePort
        selector: {app: web}
        ports:
        - port: 80
          nodePort: 30080
      """
    Then within 1 minute, service "web" has 1 ready endpoint
    When 1 second passes
    And a client outside the cluster sends a request to "http://172.18.0.4:30080/"
    Then the response comes from a pod matching "app=web"
    And the server sees the client address "172.18.0.4"
    When a client outside the cluster sends a request to "http://172.18.0.3:30080/"
    Then the response comes from a pod matching "app=web"
    And the server sees the client address "172.18.0.3"
    When node "node-2" sends a request to "http://172.18.0.2:30080/"
    Then the response status is 200

  Scenario: externalTrafficPolicy Local drops traffic on nodes without a local pod
    When I apply:
      """
      apiVersion: v1
      kind: Service
      metadata:
        name: web
      spec:
        type: NodePort
        externalTrafficPolicy: Local
        selector: {app: web}
        ports:
        - port: 80
          nodePort: 30080
      """
    Then within 1 minute, service "web" has 1 ready endpoint
    And within 5 seconds, node "node-2" has the iptables rules:
      """
      -A KUBE-EXTERNAL-SERVICES -m comment --comment "default/web has no local endpoints" -m addrtype --dst-type LOCAL -m tcp -p tcp --dport 30080 -j DROP
      """
    When a client outside the cluster sends a request to "http://172.18.0.4:30080/"
    Then the request fails with "timed out"
    When a client outside the cluster sends a request to "http://172.18.0.3:30080/"
    Then the response comes from a pod matching "app=web"
    And the server sees the client address "203.0.113.200"

  Scenario: Without a cloud controller a LoadBalancer service waits for its address
    When I run "kubectl expose deployment web --type=LoadBalancer --port=80"
    Then the output is:
      """
      service/web exposed
      """
    When I run "kubectl get service web"
    Then the output is:
      """
      NAME   TYPE           CLUSTER-IP     EXTERNAL-IP   PORT(S)        AGE
      web    LoadBalancer   10.110.58.84   <pending>     80:30119/TCP   0s
      """

  Scenario: The cloud load balancer gets an address from the pool and sends traffic to the nodes
    Given the cloud provider assigns load-balancer addresses from "203.0.113.10-203.0.113.20"
    When I run "kubectl expose deployment web --type=LoadBalancer --port=80"
    And 2 seconds pass
    And I run "kubectl get service web"
    Then the output is:
      """
      NAME   TYPE           CLUSTER-IP     EXTERNAL-IP    PORT(S)        AGE
      web    LoadBalancer   10.110.58.84   203.0.113.10   80:30119/TCP   2s
      """
    When I run "kubectl describe service web"
    Then the output contains:
      """
      LoadBalancer Ingress:     203.0.113.10 (VIP)
      """
    And the output contains "Normal  EnsuredLoadBalancer"
    Then within 1 minute, service "web" has 1 ready endpoint
    And 2 seconds pass
    And a client outside the cluster sends a request to "http://203.0.113.10/"
    Then the response comes from a pod matching "app=web"

  Scenario: internalTrafficPolicy Local keeps a pod's requests on its own node
    When I apply:
      """
      apiVersion: v1
      kind: Service
      metadata:
        name: web
      spec:
        internalTrafficPolicy: Local
        selector: {app: web}
        ports:
        - port: 80
      ---
      apiVersion: v1
      kind: Pod
      metadata:
        name: client
      spec:
        nodeName: node-2
        containers:
        - name: busybox
          image: busybox
          command: ["sleep", "3600"]
      """
    Then within 1 minute, pod "client" is "Running"
    And within 5 seconds, service "web" has 1 ready endpoint
    When 1 second passes
    And pod "client" sends a request to "http://web"
    Then the request fails with "timed out"

  Scenario: The pod logs the request with the client address it saw
    When I apply:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: echo
        labels: {app: echo}
      spec:
        nodeName: node-1
        containers:
        - name: nginx
          image: nginx
      ---
      apiVersion: v1
      kind: Service
      metadata:
        name: echo
      spec:
        type: NodePort
        externalTrafficPolicy: Local
        selector: {app: echo}
        ports:
        - port: 80
          nodePort: 30090
      """
    Then within 1 minute, service "echo" has 1 ready endpoint
    When 1 second passes
    And a client outside the cluster sends a request to "http://172.18.0.3:30090/index.html"
    Then the response status is 200
    When I run "kubectl logs echo --tail=1"
    Then the output is:
      """
      203.0.113.200 - - [01/Mar/2025:09:00:05 +0000] "GET /index.html HTTP/1.1" 200 615 "-" "curl/8.11.1" "-"
      """
