Feature: Cluster DNS names of services and pods
  Every service is `<name>.<namespace>.svc.cluster.local`. A pod's resolv.conf searches
  `<namespace>.svc.cluster.local`, `svc.cluster.local` and `cluster.local`, so `db`, `db.shop` and
  `db.shop.svc` all find the service. A headless service answers with its ready pods' IPs, an
  ExternalName service with a CNAME, and anything else is NXDOMAIN.

  Background:
    Given a cluster with 2 nodes
    And I run "kubectl create namespace shop"
    And I apply:
      """
      apiVersion: apps/v1
      kind: StatefulSet
      metadata:
        name: db
        namespace: shop
      spec:
        serviceName: db-headless
        replicas: 2
        selector:
          matchLabels: {app: db}
        template:
          metadata:
            labels: {app: db}
          spec:
            containers:
            - name: postgres
              image: postgres
              env:
              - name: POSTGRES_PASSWORD
                value: secret
              ports:
              - containerPort: 5432
      ---
      apiVersion: v1
      kind: Service
      metadata:
        name: db
        namespace: shop
      spec:
        clusterIP: 10.96.5.20
        selector: {app: db}
        ports:
        - port: 5432
      ---
      apiVersion: v1
      kind: Service
      metadata:
        name: db-headless
        namespace: shop
      spec:
        clusterIP: None
        selector: {app: db}
        ports:
        - port: 5432
      ---
      apiVersion: v1
      kind: Service
      metadata:
        name: payments
        namespace: shop
      spec:
        type: ExternalName
        externalName: payments.example.com
      ---
      apiVersion: v1
      kind: Pod
      metadata:
        name: web
        namespace: shop
      spec:
        containers:
        - name: busybox
          image: busybox
          command: ["sleep", "3600"]
      ---
      apiVersion: v1
      kind: Pod
      metadata:
        name: other
      spec:
        containers:
        - name: busybox
          image: busybox
          command: ["sleep", "3600"]
      """
    And within 2 minutes, 2 pods matching "app=db" are "Running"
    And within 1 minute, pod "shop/web" is "Running"
    And within 5 seconds, service "shop/db" has 2 ready endpoints

  Scenario: The search path finds a service by its short and longer names
    Then from pod "shop/web", the name "db" resolves to "10.96.5.20"
    And from pod "shop/web", the name "db.shop" resolves to "10.96.5.20"
    And from pod "shop/web", the name "db.shop.svc" resolves to "10.96.5.20"
    And from pod "shop/web", the name "db.shop.svc.cluster.local" resolves to the cluster IP of service "db"
    And from pod "shop/web", the name "kubernetes.default" resolves to "10.96.0.1"

  Scenario: A short name only finds services in the pod's own namespace
    Then from pod "other", the name "db" does not resolve
    And from pod "other", the name "db.shop" resolves to "10.96.5.20"
    When pod "other" sends a request to "db:5432"
    Then the request fails with "NXDOMAIN"

  Scenario: A headless service answers with the pods, each by its hostname too
    Then from pod "shop/web", the name "db-headless" resolves to the IPs of the pods matching "app=db"
    And from pod "shop/web", the name "db-0.db-headless" resolves to the IPs of the pods matching "statefulset.kubernetes.io/pod-name=db-0"
    When I run "kubectl get service db-headless -n shop"
    Then the output is:
      """
      NAME          TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)    AGE
      db-headless   ClusterIP   None         <none>        5432/TCP   17s
      """

  Scenario: An ExternalName service is an alias, not a proxy
    Then from pod "shop/web", the name "payments" is an alias for "payments.example.com"
    And node "node-1" has no iptables rule containing "shop/payments"
    And from pod "shop/web", the name "nothing-here" does not resolve

  Scenario: A web pod reaches its database by the service name (the seed notes' example)
    # postgres listens 3 seconds after it starts: until then its ready pod refuses connections.
    When 5 seconds pass
    And pod "shop/web" sends a request to "db:5432"
    Then the response comes from a pod matching "app=db"
    When pod "shop/web" sends a request to "db-headless:5432"
    Then the response comes from a pod matching "app=db"
