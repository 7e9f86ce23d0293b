Feature: How a pod is created
  Components never call each other: everything goes through the apiserver, which stores it in etcd
  and tells the watchers. The seed notes list the six steps of creating a pod:

  1. kubectl sends the manifest to kube-apiserver;
  2. kube-apiserver stores the pod in etcd;
  3. kube-scheduler, watching through the apiserver, sees the new pod and picks a node;
  4. the binding (the chosen node) is stored in etcd through the apiserver;
  5. the kubelet of that node sees the pod bound to it, starts the containers and reports status;
  6. kube-apiserver stores the reported status in etcd.

  Scenario: The control-plane conversation that creates a pod
    Given a cluster with 1 node
    When I apply:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: nginx
      spec:
        containers:
        - name: nginx
          image: nginx:1.19.2
      """
    Then within 30 seconds, pod "nginx" is "Running"
    And pod "nginx" runs on node "node-1"
    And the conversation about pod "nginx" includes, in order:
      | from            | to              | message                                  |
      | kubectl         | kube-apiserver  | create pods/default/nginx                |
      | kube-apiserver  | etcd            | put /registry/pods/default/nginx         |
      | kube-apiserver  | kube-scheduler  | ADDED pods/default/nginx                 |
      | kube-scheduler  | kube-apiserver  | create pods/default/nginx/binding        |
      | kube-apiserver  | etcd            | put /registry/pods/default/nginx         |
      | kube-apiserver  | kubelet (node-1) | ADDED pods/default/nginx                |
      | kubelet (node-1) | kube-apiserver | patch pods/default/nginx/status          |
      | kube-apiserver  | etcd            | put /registry/pods/default/nginx         |
