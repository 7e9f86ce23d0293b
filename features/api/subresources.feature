Feature: Subresources: status, scale and eviction
  A resource with a status subresource ignores status changes written to the object and spec changes
  written to its status; the scale subresource reads and writes spec.replicas; pods/eviction marks a
  pod as disrupted and deletes it gracefully.

  Background:
    Given a cluster with 1 node
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
            containers:
            - name: web
              image: nginx
      """

  Scenario: Status writes ignore the spec, spec writes ignore the status
    Given I apply:
      """
      apiVersion: v1
      kind: Service
      metadata:
        name: front
      spec:
        selector: {app: web}
        ports:
        - port: 80
      """
    When I run:
      """
      kubectl patch service front --subresource=status --type=merge -p '{"status":{"loadBalancer":{"ingress":[{"ip":"203.0.113.7"}]}},"spec":{"selector":{"app":"other"}}}'
      """
    Then the output is:
      """
      service/front patched
      """
    When I run "kubectl get service front -o yaml"
    Then the output contains:
      """
        selector:
          app: web
      """
    And the output contains:
      """
      status:
        loadBalancer:
          ingress:
          - ip: 203.0.113.7
      """
    When I run:
      """
      kubectl patch service front --type=merge -p '{"status":{"loadBalancer":{}}}'
      """
    Then the output is:
      """
      service/front patched (no change)
      """

  Scenario: kubectl scale writes spec.replicas through the scale subresource
    When I run "kubectl scale deployment web --replicas=3"
    Then the output is:
      """
      deployment.apps/web scaled
      """
    When I run "kubectl get deployment web -o yaml"
    Then the output contains "generation: 2"
    And the output contains "replicas: 3"
    When I run "kubectl scale deployment web --replicas=5 --current-replicas=2"
    Then the command fails with "error: Expected replicas to be 2, was 3"
    When I run:
      """
      kubectl patch deployment web --subresource=scale --type=merge -p '{"spec":{"replicas":4}}'
      """
    Then the output is:
      """
      scale.autoscaling/web patched
      """

  Scenario: Only scalable kinds have the scale subresource, and counts cannot be negative
    Given I run "kubectl run solo --image=nginx"
    When I run "kubectl scale pod solo --replicas=2"
    Then the command fails with:
      """
      Error from server (NotFound): the server could not find the requested resource
      """
    When I run "kubectl scale deployment web --replicas=-1"
    Then the command fails with "error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0"
    When I run "kubectl scale deployment web"
    Then the command fails with:
      """
      error: required flag(s) "replicas" not set
      """
    When I run:
      """
      kubectl patch configmap kube-root-ca.crt --subresource=status --type=merge -p '{"status":{}}'
      """
    Then the command fails with:
      """
      Error from server (NotFound): the server could not find the requested resource
      """

  Scenario: An evicted pod is marked as disrupted and deleted gracefully
    Given I run "kubectl run victim --image=nginx"
    And within 30 seconds, pod "victim" is "Running"
    When pod "victim" is evicted
    Then pod "victim" is "Terminating"
    When I run "kubectl get pod victim -o yaml"
    Then the output contains:
      """
        - lastProbeTime: null
          lastTransitionTime: "2025-03-01T09:00:04Z"
          message: 'Eviction API: evicting'
          reason: EvictionByEvictionAPI
          status: "True"
          type: DisruptionTarget
      """
    And within 40 seconds, "kubectl get pod victim -o name" prints:
      """
      """
