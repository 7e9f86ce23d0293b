Feature: kubeadm's add-ons: kube-proxy on every node, CoreDNS behind kube-dns
  `kubeadm init` ends with its addon phase: DaemonSet `kube-proxy` (host network, every taint
  tolerated, priority system-node-critical) and Deployment `coredns` (two replicas, priority
  system-cluster-critical, tolerating the control-plane taint) behind Service `kube-dns` at
  10.96.0.10. It runs before any worker joins, so both coredns pods land on the control-plane node;
  kube-proxy gets a pod on every node that joins. The pods are the components: a node's kube-proxy
  runs only while its pod's container runs, and names resolve only while a coredns pod answers
  behind kube-dns (a terminating one keeps answering through its 5 s lameduck, as kube-proxy falls
  back to serving terminating endpoints when no ready one is left).

  Background:
    Given a cluster with 2 nodes

  Scenario: The add-ons in kube-system
    When 30 seconds pass
    And I run "kubectl get pods -n kube-system -o wide"
    Then the output is:
      """
      NAME                                    READY   STATUS    RESTARTS   AGE   IP           NODE            NOMINATED NODE   READINESS GATES
      coredns-5b56577f5b-jj6hk                1/1     Running   0          30s   10.244.0.2   control-plane   <none>           <none>
      coredns-5b56577f5b-zl27k                1/1     Running   0          30s   10.244.0.3   control-plane   <none>           <none>
      etcd-control-plane                      1/1     Running   0          30s   172.18.0.2   control-plane   <none>           <none>
      kube-apiserver-control-plane            1/1     Running   0          30s   172.18.0.2   control-plane   <none>           <none>
      kube-controller-manager-control-plane   1/1     Running   0          30s   172.18.0.2   control-plane   <none>           <none>
      kube-proxy-nsxqs                        1/1     Running   0          30s   172.18.0.2   control-plane   <none>           <none>
      kube-proxy-pnggb                        1/1     Running   0          30s   172.18.0.3   node-1          <none>           <none>
      kube-proxy-w2fbb                        1/1     Running   0          30s   172.18.0.4   node-2          <none>           <none>
      kube-scheduler-control-plane            1/1     Running   0          30s   172.18.0.2   control-plane   <none>           <none>
      """
    When I run "kubectl get daemonset -n kube-system"
    Then the output is:
      """
      NAME         DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR            AGE
      kube-proxy   3         3         3       3            3           kubernetes.io/os=linux   30s
      """
    When I run "kubectl get deploy,svc -n kube-system"
    Then the output is:
      """
      NAME                      READY   UP-TO-DATE   AVAILABLE   AGE
      deployment.apps/coredns   2/2     2            2           30s

      NAME               TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)                  AGE
      service/kube-dns   ClusterIP   10.96.0.10   <none>        53/UDP,53/TCP,9153/TCP   30s
      """
    When I run "kubectl get endpointslices -n kube-system"
    Then the output is:
      """
      NAME             ADDRESSTYPE   PORTS        ENDPOINTS               AGE
      kube-dns-hnkjx   IPv4          53,53,9153   10.244.0.2,10.244.0.3   30s
      """

  Scenario: A node that joins gets its kube-proxy, and with it the service rules
    When 10 seconds pass
    And a new node "node-3" joins the cluster
    Then within 10 seconds, 4 pods matching "k8s-app=kube-proxy" are "Running"
    When I run "kubectl get daemonset kube-proxy -n kube-system"
    Then the output is:
      """
      NAME         DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR            AGE
      kube-proxy   4         4         4       4            4           kubernetes.io/os=linux   12s
      """
    When I run "kubectl create service clusterip web --tcp=80:80"
    And 2 seconds pass
    And I run iptables-save on node "node-3"
    Then the output contains "default/web:80-80 has no endpoints"

  Scenario: Without its kube-proxy pod a node's rules go stale until the replacement runs
    When 10 seconds pass
    And I run "kubectl delete pod kube-proxy-pnggb -n kube-system"
    And I run "kubectl create service clusterip web --tcp=80:80"
    And I run iptables-save on node "node-1"
    Then the output does not contain "default/web"
    When I run "kubectl get pods -n kube-system -l k8s-app=kube-proxy -o wide"
    Then the output is:
      """
      NAME               READY   STATUS              RESTARTS   AGE   IP           NODE            NOMINATED NODE   READINESS GATES
      kube-proxy-g82wh   0/1     ContainerCreating   0          0s    172.18.0.3   node-1          <none>           <none>
      kube-proxy-nsxqs   1/1     Running             0          10s   172.18.0.2   control-plane   <none>           <none>
      kube-proxy-w2fbb   1/1     Running             0          10s   172.18.0.4   node-2          <none>           <none>
      """
    And within 10 seconds, 1 pod matching "k8s-app=kube-proxy" on node "node-1" is "Running"
    When 2 seconds pass
    And I run iptables-save on node "node-1"
    Then the output contains "default/web:80-80 has no endpoints"

  Scenario: Without a coredns pod names do not resolve; scaled back, they do
    When I apply:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: client
      spec:
        containers:
        - name: client
          image: busybox
          command: ["sleep", "3600"]
      ---
      apiVersion: v1
      kind: Pod
      metadata:
        name: web
        labels: {app: web}
      spec:
        containers:
        - name: nginx
          image: nginx
      ---
      apiVersion: v1
      kind: Service
      metadata:
        name: web
      spec:
        clusterIP: 10.96.0.80
        selector: {app: web}
        ports:
        - port: 80
      """
    Then within 30 seconds, pod "web" is ready
    When pod "client" sends a request to "http://web/"
    Then the response status is 200
    When I run "kubectl scale deployment coredns -n kube-system --replicas=0"
    And pod "client" sends a request to "http://web/"
    Then the response status is 200
    When 10 seconds pass
    And I run "kubectl get pods -n kube-system -l k8s-app=kube-dns"
    Then the error output is:
      """
      No resources found in kube-system namespace.
      """
    When pod "client" sends a request to "http://web/"
    Then the request fails with "connection timed out; no servers could be reached (10.96.0.10:53)"
    And from pod "client", the name "web" does not resolve
    When I run "kubectl exec client -- wget -qO- http://web/"
    Then the command fails with:
      """
      wget: bad address 'web'
      command terminated with exit code 1
      """
    When pod "client" sends a request to "http://10.96.0.80/"
    Then the response status is 200
    When I run "kubectl scale deployment coredns -n kube-system --replicas=2"
    Then within 30 seconds, 2 pods matching "k8s-app=kube-dns" are ready
    And within 5 seconds, from pod "client", the name "web" resolves to "10.96.0.80"
    When pod "client" sends a request to "http://web/"
    Then the response status is 200
