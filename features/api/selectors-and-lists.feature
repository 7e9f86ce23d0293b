Feature: Field selectors per kind, and lists read in chunks
  Each kind accepts the field selector labels its registered conversion function accepts, and
  refuses the others with that function's own message; kubectl names the list it could not read.
  kubectl reads lists in chunks with limit and continue; the result is the same whatever the chunk.

  Background:
    Given a cluster with 2 nodes
    And I run "kubectl run a --image=nginx"
    And I run "kubectl run b --image=nginx"
    And I run "kubectl run c --image=nginx"
    And within 30 seconds, 3 pods matching "run" are "Running"

  Scenario: Pods by node and phase
    When I run "kubectl get pods --field-selector spec.nodeName=node-1,status.phase=Running -o name"
    Then the output is:
      """
      pod/b
      pod/c
      """
    When I run "kubectl get pods --field-selector status.phase!=Running"
    Then the error output is:
      """
      No resources found in default namespace.
      """

  Scenario: Unsupported labels are refused with each kind's message
    When I run "kubectl get pods --field-selector spec.image=nginx"
    Then the command fails with:
      """
      Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "", field selector "spec.image=nginx": field label not supported: spec.image
      """
    When I run "kubectl get nodes --field-selector metadata.namespace=default"
    Then the command fails with:
      """
      Error from server (BadRequest): Unable to find "/v1, Resource=nodes" that match label selector "", field selector "metadata.namespace=default": field label not supported: metadata.namespace
      """
    When I run "kubectl get configmaps --field-selector data=x"
    Then the command fails with:
      """
      Error from server (BadRequest): Unable to find "/v1, Resource=configmaps" that match label selector "", field selector "data=x": "data" is not a known field selector: only "metadata.name", "metadata.namespace"
      """
    When I run "kubectl get nodes --field-selector spec.unschedulable=false -o name"
    Then the output is:
      """
      node/control-plane
      node/node-1
      node/node-2
      """

  Scenario: Secrets by type, events by the object they are about
    Given I apply:
      """
      apiVersion: v1
      kind: Secret
      metadata:
        name: cert
      type: kubernetes.io/tls
      stringData:
        tls.crt: certificate
        tls.key: private-key
      """
    When I run "kubectl get secrets --field-selector type=kubernetes.io/tls -o name"
    Then the output is:
      """
      secret/cert
      """
    When I run "kubectl get events --field-selector involvedObject.name=b,reason=Scheduled -o name"
    Then the output contains "event/b."

  Scenario: A list read one object at a time is the same list
    When I run "kubectl get pods -o name --chunk-size=1"
    Then the output is:
      """
      pod/a
      pod/b
      pod/c
      """
