Feature: kubectl get -o jsonpath
  `-o jsonpath=TEMPLATE` prints fields chosen with kubectl's JSONPath template syntax: text with
  `{...}` actions holding field paths (`{.items[*].metadata.name}`), quoted text (`{"\n"}`),
  `{range ...}` … `{end}` loops, filters and escaped dots in keys. Several results of one action
  are separated by spaces; maps and lists print as JSON; a missing key prints nothing.
  `-o jsonpath-file=PATH` reads the template from a file; `-o jsonpath-as-json=` prints JSON arrays.

  Background:
    Given a cluster with 2 nodes

  Scenario: Names of every node, and one line per node with range
    When I run:
      """
      kubectl get nodes -o jsonpath='{.items[*].metadata.name}'
      """
    Then the output is:
      """
      control-plane node-1 node-2
      """
    When I run:
      """
      kubectl get nodes -o jsonpath='{range .items[*]}{.metadata.name}{"\t"}{.status.addresses[?(@.type=="InternalIP")].address}{"\n"}{end}'
      """
    Then the output is:
      """
      control-plane	172.18.0.2
      node-1	172.18.0.3
      node-2	172.18.0.4
      """

  Scenario: One object by name: a map prints as JSON, escaped dots reach label keys
    When I run:
      """
      kubectl get node node-1 -o jsonpath='{.metadata.labels}'
      """
    Then the output is:
      """
      {"beta.kubernetes.io/arch":"amd64","beta.kubernetes.io/os":"linux","kubernetes.io/arch":"amd64","kubernetes.io/hostname":"node-1","kubernetes.io/os":"linux"}
      """
    When I run:
      """
      kubectl get node node-1 -o jsonpath='{.metadata.labels.kubernetes\.io/hostname} has {.status.capacity.cpu} CPUs'
      """
    Then the output is:
      """
      node-1 has 4 CPUs
      """
    When I run:
      """
      kubectl get nodes -o jsonpath='{.items[-1].spec.podCIDR}{.items[*].nope}'
      """
    Then the output is:
      """
      10.244.2.0/24
      """

  Scenario: A Deployment's replicas and its pods' phases
    When I run "kubectl create deployment web --image=nginx --replicas=2"
    Then within 1 minute, 2 pods matching "app=web" are "Running"
    When I run "kubectl get deployment web -o jsonpath={.spec.replicas}/{.status.readyReplicas}"
    Then the output is:
      """
      2/2
      """
    When I run:
      """
      kubectl get pods -l app=web -o jsonpath='{range .items[*]}{.status.phase}{" on "}{.spec.nodeName}{"\n"}{end}'
      """
    Then the output is:
      """
      Running on node-1
      Running on node-2
      """

  Scenario: Commands that print the object they make take a template too
    When I run "kubectl create deployment api --image=nginx --replicas=3 -o jsonpath={.metadata.name}/{.spec.replicas}"
    Then the output is:
      """
      api/3
      """
    When I run:
      """
      kubectl run probe --image=busybox --dry-run=client -o jsonpath='{.spec.containers[0].image} {.spec.restartPolicy}'
      """
    Then the output is:
      """
      busybox Always
      """

  Scenario: jsonpath-as-json prints each action's results as a JSON array
    When I run:
      """
      kubectl get nodes -o jsonpath-as-json='{.items[*].metadata.name}'
      """
    Then the output is:
      """
      [
          "control-plane",
          "node-1",
          "node-2"
      ]
      """

  Scenario: A template from a file
    When I run "kubectl get nodes -o jsonpath-file=templates/pod-cidrs.jsonpath"
    Then the output is:
      """
      control-plane 10.244.0.0/24
      node-1 10.244.1.0/24
      node-2 10.244.2.0/24
      """

  Scenario: Templates kubectl cannot parse
    When I run:
      """
      kubectl get nodes -o jsonpath='{.items[0'
      """
    Then the command fails with:
      """
      error: error parsing jsonpath {.items[0, unterminated array
      """
    When I run "kubectl get nodes -o jsonpath"
    Then the command fails with:
      """
      error: template format specified but no template given
      """
