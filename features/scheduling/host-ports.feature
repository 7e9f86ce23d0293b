Feature: Host ports are taken node by node
  A container port with `hostPort` binds that port on the node's address, so NodePorts lets only
  one such pod per node, address and protocol (0.0.0.0 means every address).

  Scenario: The second pod asking for the same host port needs another node
    Given a cluster with 2 nodes
    When I apply the pods "proxy-1, proxy-2, proxy-3" with:
      """
      containers:
      - name: app
        image: nginx
        ports:
        - containerPort: 80
          hostPort: 8080
      """
    Then within 30 seconds, 2 pods matching "app=proxy" are "Running"
    And pod "proxy-3" is "Pending"
    When I run "kubectl get events --field-selector involvedObject.name=proxy-3"
    Then the output contains "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn't have free ports for the requested pod ports. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod."
