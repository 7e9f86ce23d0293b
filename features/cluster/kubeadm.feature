Feature: A cluster laid out the way kubeadm lays it out
  `kubeadm init` writes the control plane's manifests to /etc/kubernetes/manifests on the
  control-plane node, and that node's kubelet runs them as static pods: etcd, kube-apiserver,
  kube-controller-manager and kube-scheduler, mirrored into kube-system as `<name>-control-plane`.
  They use the host's network (the node's IP is their pod IP), run at priority
  system-node-critical and request the CPU kubeadm sets. The pods are the components themselves:
  moving a manifest out of the directory stops that component, moving it back starts it again.

  Background:
    Given a cluster with 1 node

  Scenario: The control plane runs as static pods on the control-plane node
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
      kube-scheduler-control-plane            1/1     Running   0          30s   172.18.0.2   control-plane   <none>           <none>
      """
    When I run "kubectl get pods -n kube-system -l tier=control-plane -L component"
    Then the output is:
      """
      NAME                                    READY   STATUS    RESTARTS   AGE   COMPONENT
      etcd-control-plane                      1/1     Running   0          30s   etcd
      kube-apiserver-control-plane            1/1     Running   0          30s   kube-apiserver
      kube-controller-manager-control-plane   1/1     Running   0          30s   kube-controller-manager
      kube-scheduler-control-plane            1/1     Running   0          30s   kube-scheduler
      """

  Scenario: The apiserver's pod is kubeadm's manifest, mirrored, with the kubelet's events
    When 30 seconds pass
    And I run "kubectl describe pod kube-apiserver-control-plane -n kube-system"
    Then the output contains:
      """
      Name:                 kube-apiserver-control-plane
      Namespace:            kube-system
      Priority:             2000001000
      Priority Class Name:  system-node-critical
      Node:                 control-plane/172.18.0.2
      Start Time:           Sat, 01 Mar 2025 09:00:00 +0000
      Labels:               component=kube-apiserver
                            tier=control-plane
      Annotations:          kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint: 172.18.0.2:6443
      """
    And the output contains:
      """
      Controlled By:  Node/control-plane
      Containers:
        kube-apiserver:
      """
    And the output contains:
      """
          Image:         registry.k8s.io/kube-apiserver:v1.32.0
      """
    And the output contains:
      """
            --advertise-address=172.18.0.2
      """
    And the output contains:
      """
          Requests:
            cpu:        250m
      """
    And the output contains:
      """
      Status:               Running
      SeccompProfile:       RuntimeDefault
      IP:                   172.18.0.2
      """
    And the output contains:
      """
      QoS Class:         Burstable
      Node-Selectors:    <none>
      Tolerations:       :NoExecute op=Exists
      Events:
        Type    Reason   Age   From     Message
        ----    ------   ----  ----     -------
        Normal  Pulled   29s   kubelet  Container image "registry.k8s.io/kube-apiserver:v1.32.0" already present on machine
        Normal  Created  29s   kubelet  Created container: kube-apiserver
        Normal  Started  29s   kubelet  Started container kube-apiserver
      """

  Scenario: The scheduler's pod comes from a manifest file on the control-plane node
    When I run:
      """
      kubectl get pod kube-scheduler-control-plane -n kube-system -o jsonpath='{.spec.nodeName} {.metadata.annotations.kubernetes\.io/config\.source}{"\n"}{range .spec.containers[0].command[*]}{@}{"\n"}{end}'
      """
    Then the output is:
      """
      control-plane file
      kube-scheduler
      --authentication-kubeconfig=/etc/kubernetes/scheduler.conf
      --authorization-kubeconfig=/etc/kubernetes/scheduler.conf
      --bind-address=127.0.0.1
      --kubeconfig=/etc/kubernetes/scheduler.conf
      --leader-elect=true
      """

  Scenario: The control plane's requests count on the control-plane node
    When 30 seconds pass
    And I run "kubectl describe node control-plane"
    Then the output contains:
      """
      Non-terminated Pods:          (7 in total)
        Namespace                   Name                                     CPU Requests  CPU Limits  Memory Requests  Memory Limits  Age
        ---------                   ----                                     ------------  ----------  ---------------  -------------  ---
        kube-system                 coredns-5b56577f5b-jj6hk                 100m (2%)     0 (0%)      70Mi (0%)        170Mi (2%)     30s
        kube-system                 coredns-5b56577f5b-zl27k                 100m (2%)     0 (0%)      70Mi (0%)        170Mi (2%)     30s
        kube-system                 etcd-control-plane                       100m (2%)     0 (0%)      100Mi (1%)       0 (0%)         30s
        kube-system                 kube-apiserver-control-plane             250m (6%)     0 (0%)      0 (0%)           0 (0%)         30s
        kube-system                 kube-controller-manager-control-plane    200m (5%)     0 (0%)      0 (0%)           0 (0%)         30s
        kube-system                 kube-proxy-nsxqs                         0 (0%)        0 (0%)      0 (0%)           0 (0%)         30s
        kube-system                 kube-scheduler-control-plane             100m (2%)     0 (0%)      0 (0%)           0 (0%)         30s
      Allocated resources:
        (Total limits may be over 100 percent, i.e., overcommitted.)
        Resource           Requests    Limits
        --------           --------    ------
        cpu                850m (21%)  0 (0%)
        memory             240Mi (2%)  340Mi (4%)
      """

  Scenario: Without the scheduler's manifest nothing is scheduled; putting it back schedules the waiting pod
    When 10 seconds pass
    And the static pod manifest "kube-scheduler" is removed from node "control-plane"
    And I run "kubectl get pods -n kube-system"
    Then the output is:
      """
      NAME                                    READY   STATUS    RESTARTS   AGE
      coredns-5b56577f5b-jj6hk                1/1     Running   0          10s
      coredns-5b56577f5b-zl27k                1/1     Running   0          10s
      etcd-control-plane                      1/1     Running   0          10s
      kube-apiserver-control-plane            1/1     Running   0          10s
      kube-controller-manager-control-plane   1/1     Running   0          10s
      kube-proxy-nsxqs                        1/1     Running   0          10s
      kube-proxy-pnggb                        1/1     Running   0          10s
      """
    When I run "kubectl run web --image=nginx"
    Then for 2 minutes, pod "web" is "Pending"
    When I run "kubectl get events --field-selector involvedObject.name=web"
    Then the error output is:
      """
      No resources found in default namespace.
      """
    When the static pod manifest "kube-scheduler" is put back on node "control-plane"
    Then within 10 seconds, pod "web" is "Running"
    When I run "kubectl get pods -n kube-system -l component=kube-scheduler"
    Then the output is:
      """
      NAME                           READY   STATUS    RESTARTS   AGE
      kube-scheduler-control-plane   1/1     Running   0          5s
      """
    When I run "kubectl logs kube-scheduler-control-plane -n kube-system"
    Then the output is:
      """
      I0301 09:02:11.100000       1 serving.go:386] Generated self-signed cert in-memory
      I0301 09:02:11.100000       1 server.go:167] "Starting Kubernetes Scheduler" version="v1.32.0"
      I0301 09:02:11.100000       1 secure_serving.go:213] Serving securely on 127.0.0.1:10259
      """

  Scenario: Without the controller-manager's manifest a Deployment gets no pods until it is back
    When the static pod manifest "kube-controller-manager" is removed from node "control-plane"
    And I run "kubectl create deployment web --image=nginx --replicas=2"
    Then for 2 minutes, 0 pods matching "app=web" are "Pending"
    When I run "kubectl get replicasets"
    Then the error output is:
      """
      No resources found in default namespace.
      """
    When the static pod manifest "kube-controller-manager" is put back on node "control-plane"
    Then within 30 seconds, 2 pods matching "app=web" are "Running"

  Scenario: Without the apiserver's manifest nothing answers; putting it back brings the API back
    When 10 seconds pass
    And the static pod manifest "kube-apiserver" is removed from node "control-plane"
    And 1 second passes
    And I run "kubectl get pods -A"
    Then the error output is:
      """
      The connection to the server 127.0.0.1:6443 was refused - did you specify the right host or port?
      """
    When the static pod manifest "kube-apiserver" is put back on node "control-plane"
    And 5 seconds pass
    And I run "kubectl get pods -n kube-system"
    Then the output is:
      """
      NAME                                    READY   STATUS    RESTARTS   AGE
      coredns-5b56577f5b-jj6hk                1/1     Running   0          16s
      coredns-5b56577f5b-zl27k                1/1     Running   0          16s
      etcd-control-plane                      1/1     Running   0          16s
      kube-apiserver-control-plane            1/1     Running   0          3s
      kube-controller-manager-control-plane   1/1     Running   0          16s
      kube-proxy-nsxqs                        1/1     Running   0          16s
      kube-proxy-pnggb                        1/1     Running   0          16s
      kube-scheduler-control-plane            1/1     Running   0          16s
      """

  Scenario: Without etcd's manifest the apiserver cannot read or write
    When 10 seconds pass
    And the static pod manifest "etcd" is removed from node "control-plane"
    And 1 second passes
    And I run "kubectl get pods"
    Then the error output is:
      """
      Error from server: etcdserver: request timed out
      """
    When the static pod manifest "etcd" is put back on node "control-plane"
    And 5 seconds pass
    And I run "kubectl run web --image=nginx"
    Then the output is:
      """
      pod/web created
      """

  Scenario: A node that joins while the apiserver is down registers once it is back
    The kubelet retries its registration with a doubling step up to 7 s (registerWithAPIServer).
    When 10 seconds pass
    And the static pod manifest "kube-apiserver" is removed from node "control-plane"
    And a new node "node-2" joins the cluster
    And 30 seconds pass
    And the static pod manifest "kube-apiserver" is put back on node "control-plane"
    And 15 seconds pass
    And I run "kubectl get nodes"
    Then the output is:
      """
      NAME            STATUS   ROLES           AGE   VERSION
      control-plane   Ready    control-plane   55s   v1.32.0
      node-1          Ready    <none>          55s   v1.32.0
      node-2          Ready    <none>          12s   v1.32.0
      """
