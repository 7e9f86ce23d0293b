Feature: Which pods a service sends traffic to
  The endpoints and EndpointSlice controllers list a service's pods: ready pods receive traffic,
  pods that are not ready are kept aside (notReadyAddresses; ready=false in the slice) until their
  readiness probe passes, terminating pods stay in the slice as not ready and terminating, and
  pods that replace those of a failed node join once they are ready.

  Background:
    Given a cluster with 2 nodes
    And I apply:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: web-a
        labels: {app: web}
      spec:
        nodeName: node-1
        containers:
        - name: nginx
          image: nginx
          readinessProbe:
            exec:
              command: ["cat", "/tmp/ready"]
            periodSeconds: 2
      ---
      apiVersion: v1
      kind: Pod
      metadata:
        name: web-b
        labels: {app: web}
      spec:
        nodeName: node-2
        containers:
        - name: nginx
          image: nginx
          readinessProbe:
            exec:
              command: ["cat", "/tmp/ready"]
            periodSeconds: 2
      ---
      apiVersion: v1
      kind: Service
      metadata:
        name: web
      spec:
        selector: {app: web}
        ports:
        - port: 80
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
    And within 1 minute, 2 pods matching "app=web" are "Running"
    And within 1 minute, pod "client" is "Running"

  Scenario: Pods join the service when their readiness probe passes
    Then service "web" has 0 ready endpoints
    When I run "kubectl get endpoints web -o yaml"
    Then the output contains:
      """
      subsets:
      - notReadyAddresses:
      """
    When I run "kubectl describe endpoints web"
    Then the output is:
      """
      Name:         web
      Namespace:    default
      Labels:       <none>
      Annotations:  endpoints.kubernetes.io/last-change-trigger-time: 2025-03-01T09:00:04Z
      Subsets:
        Addresses:          <none>
        NotReadyAddresses:  10.244.1.2,10.244.2.2
        Ports:
          Name     Port  Protocol
          ----     ----  --------
          <unset>  80    TCP

      Events:  <none>
      """
    When pod "client" sends a request to "http://web"
    Then the request fails with "connection refused"
    When I run "kubectl exec web-a -- touch /tmp/ready"
    And I run "kubectl exec web-b -- touch /tmp/ready"
    Then within 10 seconds, service "web" has 2 ready endpoints
    When 1 second passes
    And I run "kubectl get endpoints web"
    Then the output is:
      """
      NAME   ENDPOINTS                     AGE
      web    10.244.1.2:80,10.244.2.2:80   7s
      """
    When pod "client" sends a request to "http://web"
    Then the response comes from a pod matching "app=web"

  Scenario: publishNotReadyAddresses lists pods before they are ready
    When I apply:
      """
      apiVersion: v1
      kind: Service
      metadata:
        name: web-peers
      spec:
        clusterIP: None
        publishNotReadyAddresses: true
        selector: {app: web}
        ports:
        - port: 80
      """
    Then within 5 seconds, service "web-peers" has 2 ready endpoints
    And service "web" has 0 ready endpoints
    And from pod "client", the name "web-peers" resolves to the IPs of the pods matching "app=web"

  Scenario: A terminating pod stays in the slice as terminating and leaves the Endpoints
    Given I run "kubectl exec web-a -- touch /tmp/ready"
    And I run "kubectl exec web-b -- touch /tmp/ready"
    And within 10 seconds, service "web" has 2 ready endpoints
    When I run "kubectl delete pod web-a --wait=false"
    Then within 5 seconds, service "web" has 1 ready endpoint
    When I run "kubectl get endpointslices -l kubernetes.io/service-name=web -o yaml"
    Then the output contains:
      """
        - addresses:
          - 10.244.1.2
          conditions:
            ready: false
            serving: true
            terminating: true
          nodeName: node-1
          targetRef:
            kind: Pod
            name: web-a
            namespace: default
      """
    When I run "kubectl get endpoints web"
    Then the output contains "10.244.2.2:80"
    And the output does not contain "10.244.1.2"

  Scenario: Pods that replace those of a failed node join the service
    When I apply:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: api
      spec:
        replicas: 1
        selector:
          matchLabels: {app: api}
        template:
          metadata:
            labels: {app: api}
          spec:
            affinity:
              nodeAffinity:
                preferredDuringSchedulingIgnoredDuringExecution:
                - weight: 100
                  preference:
                    matchExpressions:
                    - {key: kubernetes.io/hostname, operator: In, values: [node-2]}
            containers:
            - name: nginx
              image: nginx
      ---
      apiVersion: v1
      kind: Service
      metadata:
        name: api
      spec:
        selector: {app: api}
        ports:
        - port: 80
      """
    Then within 1 minute, service "api" has 1 ready endpoint
    When node "node-2" fails
    Then within 2 minutes, service "api" has 0 ready endpoints
    And within 7 minutes, service "api" has 1 ready endpoint
    When I run "kubectl get endpoints api"
    Then the output is:
      """
      NAME   ENDPOINTS       AGE
      api    10.244.1.3:80   5m57s
      """

  Scenario: A service without pods keeps one EndpointSlice, with no endpoints
    The controller keeps a placeholder slice; stored as protobuf, its empty list reads back as null.
    When I run "kubectl create service clusterip empty --tcp=80:80"
    And 1 second passes
    And I run "kubectl get endpointslices -l kubernetes.io/service-name=empty -o yaml"
    Then the output contains:
      """
        endpoints: null
      """
    When I run "kubectl get endpointslices -l kubernetes.io/service-name=empty"
    Then the output contains "<unset>"
