Feature: Traffic to a service follows kube-proxy's rules
  kube-proxy on every node turns a Service into iptables rules: the cluster IP jumps to a
  KUBE-SVC chain that picks an endpoint at random (rule i of n matches with probability 1/(n-i)),
  and a KUBE-SEP chain DNATs to the pod. A request from a pod follows the rules of the pod's node.

  Background:
    Given a cluster with 2 nodes
    And I apply:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        replicas: 3
        selector:
          matchLabels: {app: web}
        template:
          metadata:
            labels: {app: web}
          spec:
            containers:
            - name: nginx
              image: nginx
              ports:
              - name: http
                containerPort: 80
      ---
      apiVersion: v1
      kind: Service
      metadata:
        name: web
      spec:
        clusterIP: 10.96.0.12
        selector: {app: web}
        ports:
        - port: 80
          targetPort: http
      ---
      apiVersion: v1
      kind: Pod
      metadata:
        name: client
      spec:
        containers:
        - name: busybox
          image: busybox
          command: ["sleep", "3600"]
      """
    And within 1 minute, 3 pods matching "app=web" are "Running"
    And within 1 minute, pod "client" is "Running"
    And within 5 seconds, service "web" has 3 ready endpoints
    And 1 second passes

  Scenario: A request to the service name reaches one of the pods, which logs it
    When pod "client" sends a request to "http://web"
    Then the response comes from a pod matching "app=web"
    And the response status is 200
    When I run "kubectl exec client -- wget -qO- http://web.default.svc.cluster.local/index.html"
    Then the output contains "<title>Welcome to nginx!</title>"

  Scenario: Every node has the rules that map the service IP to the pods
    Then node "node-1" has the iptables rules:
      """
      -A KUBE-SERVICES -m comment --comment "default/web cluster IP" -m tcp -p tcp -d 10.96.0.12 --dport 80 -j KUBE-SVC-LOLE4ISW44XBNF3G
      -A KUBE-SVC-LOLE4ISW44XBNF3G -m comment --comment "default/web -> 10.244.1.2:80" -m statistic --mode random --probability 0.3333333333 -j KUBE-SEP-MQ4W7Q2CV67URU6Q
      -A KUBE-SVC-LOLE4ISW44XBNF3G -m comment --comment "default/web -> 10.244.1.3:80" -m statistic --mode random --probability 0.5000000000 -j KUBE-SEP-MHDQ23KUGG7EGFMW
      -A KUBE-SVC-LOLE4ISW44XBNF3G -m comment --comment "default/web -> 10.244.2.3:80" -j KUBE-SEP-7QE66YRUUVCO6FRM
      -A KUBE-SEP-MQ4W7Q2CV67URU6Q -m comment --comment default/web -m tcp -p tcp -j DNAT --to-destination 10.244.1.2:80
      """
    When I run iptables-save on node "node-2"
    Then the output contains:
      """
      -A KUBE-SERVICES -d 10.96.0.12/32 -p tcp -m comment --comment "default/web cluster IP" -m tcp --dport 80 -j KUBE-SVC-LOLE4ISW44XBNF3G
      """
    And the output contains:
      """
      -A KUBE-SVC-LOLE4ISW44XBNF3G -m comment --comment "default/web -> 10.244.1.2:80" -m statistic --mode random --probability 0.33333333349 -j KUBE-SEP-MQ4W7Q2CV67URU6Q
      """

  Scenario: Load is spread evenly over the pods
    Then 1000 requests from pod "client" to "http://web" are spread evenly over 3 pods

  Scenario: Scaling down removes the endpoint and its rules
    When I run "kubectl scale deployment web --replicas=1"
    Then within 1 minute, service "web" has 1 ready endpoint
    And within 5 seconds, node "node-1" has no iptables rule containing "10.244.1.2:80"
    And within 5 seconds, node "node-1" has no iptables rule containing "10.244.2.3:80"
    And 20 requests from pod "client" to "http://web" all reach the same pod

  Scenario: With no pod behind it a service refuses connections
    When I run "kubectl scale deployment web --replicas=0"
    Then within 1 minute, service "web" has 0 ready endpoints
    And within 5 seconds, node "node-1" has the iptables rules:
      """
      -A KUBE-SERVICES -m comment --comment "default/web has no endpoints" -m tcp -p tcp -d 10.96.0.12 --dport 80 -j REJECT
      """
    When pod "client" sends a request to "http://web"
    Then the request fails with "connection refused"
    When I run "kubectl exec client -- wget -qO- -T 2 http://web"
    Then the command fails with "Connection refused"

  Scenario: Session affinity ClientIP sends a client to the same pod every time
    When I run:
      """
      kubectl patch service web -p '{"spec":{"sessionAffinity":"ClientIP"}}'
      """
    Then within 5 seconds, node "node-1" has the iptables rules:
      """
      -m recent --name KUBE-SEP-MQ4W7Q2CV67URU6Q --rcheck --seconds 10800 --reap -j KUBE-SEP-MQ4W7Q2CV67URU6Q
      """
    And 50 requests from pod "client" to "http://web" all reach the same pod

  Scenario: A pod reaches another pod directly by its IP, across nodes
    The pod network is flat: the client on node-2 reaches a web pod on node-1 at its pod IP,
    with no Service and no kube-proxy rule in between.
    When pod "client" sends a request to "http://10.244.1.2/"
    Then the response comes from a pod matching "app=web"
    And the response status is 200
    And the server sees the client address "10.244.2.2"

  Scenario: A ClusterIP service is reachable only inside the cluster
    When a client outside the cluster sends a request to "http://10.96.0.12/"
    Then the request fails with "timed out"
    When node "node-2" sends a request to "http://10.96.0.12/"
    Then the response comes from a pod matching "app=web"
