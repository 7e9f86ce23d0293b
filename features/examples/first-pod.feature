Feature: A first pod
  kubespec runs Gherkin scenarios against a simulated Kubernetes cluster. Time is virtual: waiting
  for the image pull takes milliseconds, and the same seed always gives the same run.

  Scenario: nginx starts on a worker node
    Given a cluster with 3 nodes
    When I run "kubectl run nginx --image=nginx"
    Then the output is:
      """
      pod/nginx created
      """
    And pod "nginx" is "ContainerCreating"
    And within 30 seconds, pod "nginx" is "Running"
