Feature: Service types and their addresses
  A Service gets a virtual IP from 10.96.0.0/12 (the `kubernetes` service holds 10.96.0.1), NodePort
  and LoadBalancer services also get a port from 30000-32767 on every node, a LoadBalancer waits for
  a cloud load balancer, an ExternalName service is only a DNS alias, and a headless service has no
  virtual IP at all.

  Background:
    Given a cluster with 2 nodes
    And I apply:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        replicas: 2
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
      """

  Scenario: Every type of service, as kubectl get lists them
    When I apply:
      """
      apiVersion: v1
      kind: Service
      metadata:
        name: web
      spec:
        selector: {app: web}
        ports:
        - port: 80
          targetPort: http
      ---
      apiVersion: v1
      kind: Service
      metadata:
        name: web-nodeport
      spec:
        type: NodePort
        selector: {app: web}
        ports:
        - port: 80
          nodePort: 30080
      ---
      apiVersion: v1
      kind: Service
      metadata:
        name: web-lb
      spec:
        type: LoadBalancer
        selector: {app: web}
        ports:
        - name: http
          port: 80
        - name: https
          port: 443
          targetPort: 80
      ---
      apiVersion: v1
      kind: Service
      metadata:
        name: web-headless
      spec:
        clusterIP: None
        selector: {app: web}
        ports:
        - port: 80
      ---
      apiVersion: v1
      kind: Service
      metadata:
        name: search
      spec:
        type: ExternalName
        externalName: search.example.com
      """
    And I run "kubectl get services -o wide"
    Then the output is:
      """
      NAME           TYPE           CLUSTER-IP      EXTERNAL-IP          PORT(S)                      AGE   SELECTOR
      kubernetes     ClusterIP      10.96.0.1       <none>               443/TCP                      0s    <none>
      search         ExternalName   <none>          search.example.com   <none>                       0s    <none>
      web            ClusterIP      10.110.58.84    <none>               80/TCP                       0s    app=web
      web-headless   ClusterIP      None            <none>               80/TCP                       0s    app=web
      web-lb         LoadBalancer   10.109.61.152   <pending>            80:32354/TCP,443:30314/TCP   0s    app=web
      web-nodeport   NodePort       10.99.226.86    <none>               80:30080/TCP                 0s    app=web
      """

  Scenario: describe shows the ports, the node ports and the ready endpoints
    When I apply:
      """
      apiVersion: v1
      kind: Service
      metadata:
        name: web
        labels: {tier: frontend}
      spec:
        type: LoadBalancer
        selector: {app: web}
        ports:
        - name: http
          port: 80
          targetPort: http
        - name: metrics
          port: 9090
          targetPort: 9090
      """
    Then within 1 minute, 2 pods matching "app=web" are "Running"
    When I run "kubectl describe service web"
    Then the output is:
      """
      Name:                     web
      Namespace:                default
      Labels:                   tier=frontend
      Annotations:              <none>
      Selector:                 app=web
      Type:                     LoadBalancer
      IP Family Policy:         SingleStack
      IP Families:              IPv4
      IP:                       10.110.58.84
      IPs:                      10.110.58.84
      Port:                     http  80/TCP
      TargetPort:               http/TCP
      NodePort:                 http  30119/TCP
      Endpoints:                10.244.1.2:80,10.244.2.2:80
      Port:                     metrics  9090/TCP
      TargetPort:               9090/TCP
      NodePort:                 metrics  31113/TCP
      Endpoints:                10.244.1.2:9090,10.244.2.2:9090
      Session Affinity:         None
      External Traffic Policy:  Cluster
      Internal Traffic Policy:  Cluster
      Events:                   <none>
      """

  Scenario: Endpoints and EndpointSlices list the pods behind a service
    When I run "kubectl expose deployment web --port=80 --target-port=http"
    Then the output is:
      """
      service/web exposed
      """
    And within 1 minute, 2 pods matching "app=web" are "Running"
    When I run "kubectl get endpoints,endpointslices"
    Then the output is:
      """
      NAME                   ENDPOINTS                     AGE
      endpoints/kubernetes   172.18.0.2:6443               4s
      endpoints/web          10.244.1.2:80,10.244.2.2:80   4s

      NAME                                        ADDRESSTYPE   PORTS   ENDPOINTS               AGE
      endpointslice.discovery.k8s.io/kubernetes   IPv4          6443    172.18.0.2              4s
      endpointslice.discovery.k8s.io/web-5mhv8    IPv4          80      10.244.1.2,10.244.2.2   4s
      """

  Scenario: Requested node ports and cluster IPs must be free and in range
    When I apply:
      """
      apiVersion: v1
      kind: Service
      metadata:
        name: first
      spec:
        type: NodePort
        selector: {app: web}
        ports:
        - port: 80
          nodePort: 30080
      """
    And I run:
      """
      kubectl create service nodeport second --tcp=80:80 --node-port=30080
      """
    Then the command fails with:
      """
      error: failed to create NodePort service: Service "second" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated
      """
    When I run:
      """
      kubectl create service nodeport second --tcp=80:80 --node-port=40000
      """
    Then the command fails with:
      """
      error: failed to create NodePort service: Service "second" is invalid: spec.ports[0].nodePort: Invalid value: 40000: provided port is not in the valid range. The range of valid ports is 30000-32767
      """
    When I run:
      """
      kubectl create service clusterip dns --tcp=53:53 --clusterip=10.96.0.1
      """
    Then the command fails with:
      """
      error: failed to create ClusterIP service: Service "dns" is invalid: spec.clusterIPs: Invalid value: []string{"10.96.0.1"}: failed to allocate IP 10.96.0.1: provided IP is already allocated
      """
    When I run:
      """
      kubectl apply -f -
      apiVersion: v1
      kind: Service
      metadata:
        name: dns
      spec:
        clusterIP: 10.0.0.10
        ports:
        - port: 53
      """
    Then the command fails with:
      """
      The Service "dns" is invalid: spec.clusterIPs: Invalid value: []string{"10.0.0.10"}: failed to allocate IP 10.0.0.10: the provided IP (10.0.0.10) is not in the valid range. The range of valid IPs is 10.96.0.0/12
      """
    When I run:
      """
      kubectl create service clusterip dns --tcp=53:53 --clusterip=10.96.0.10
      """
    Then the command fails with:
      """
      error: failed to create ClusterIP service: Service "dns" is invalid: spec.clusterIPs: Invalid value: []string{"10.96.0.10"}: failed to allocate IP 10.96.0.10: provided IP is already allocated
      """
    When I run:
      """
      kubectl create service clusterip dns --tcp=53:53 --clusterip=10.96.0.53
      """
    Then the output is:
      """
      service/dns created
      """
