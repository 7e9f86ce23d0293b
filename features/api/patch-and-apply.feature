Feature: Patches and kubectl apply merge the way the apiserver and kubectl merge
  A strategic merge patch (kubectl patch's default) merges lists such as containers by their merge
  key and understands $patch directives; a JSON merge patch replaces lists; a JSON patch applies
  operations. kubectl apply sends a three-way strategic patch computed from the last applied
  configuration, the new manifest and the live object: fields removed from the manifest are removed,
  fields others set are kept, and an unchanged manifest changes nothing. kubectl edit sends the
  difference the editor made.

  Background:
    Given a cluster with 1 node
    And I apply:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        selector:
          matchLabels: {app: web}
        template:
          metadata:
            labels: {app: web}
          spec:
            containers:
            - name: web
              image: nginx:1.27
              env:
              - name: MODE
                value: fast
            - name: sidecar
              image: busybox
      """

  Scenario: A strategic merge patch changes one container by name and keeps the others
    When I run:
      """
      kubectl patch deployment web -p '{"spec":{"template":{"spec":{"containers":[{"name":"sidecar","image":"busybox:1.36"}]}}}}'
      """
    Then the output is:
      """
      deployment.apps/web patched
      """
    When I run "kubectl get deployment web -o yaml"
    Then the output contains:
      """
            containers:
            - env:
              - name: MODE
                value: fast
              image: nginx:1.27
              imagePullPolicy: IfNotPresent
              name: web
              terminationMessagePath: /dev/termination-log
              terminationMessagePolicy: File
            - image: busybox:1.36
              imagePullPolicy: Always
              name: sidecar
      """

  Scenario: $patch: delete removes one element; a merge patch replaces the whole list
    When I run:
      """
      kubectl patch deployment web -p '{"spec":{"template":{"spec":{"containers":[{"name":"sidecar","$patch":"delete"}]}}}}'
      """
    And I run "kubectl get deployment web -o yaml"
    Then the output does not contain "name: sidecar"
    And the output contains "value: fast"
    When I run:
      """
      kubectl patch deployment web --type=merge -p '{"spec":{"template":{"spec":{"containers":[{"name":"web","image":"nginx:1.28"}]}}}}'
      """
    And I run "kubectl get deployment web -o yaml"
    Then the output contains "image: nginx:1.28"
    And the output does not contain "value: fast"

  Scenario: A JSON patch applies operations, and one that does not apply is refused
    When I run:
      """
      kubectl patch deployment web --type=json -p '[{"op":"replace","path":"/spec/template/spec/containers/0/image","value":"nginx:1.28"}]'
      """
    Then the output is:
      """
      deployment.apps/web patched
      """
    When I run:
      """
      kubectl patch deployment web --type=json -p '[{"op":"remove","path":"/spec/paused"}]'
      """
    Then the command fails with:
      """
      The request is invalid: the server rejected our request due to an error in our request
      """

  Scenario: Patches that change nothing say so; bad patches are refused
    When I run:
      """
      kubectl patch deployment web -p '{"spec":{"template":{"spec":{"containers":[{"name":"web","image":"nginx:1.27"}]}}}}'
      """
    Then the output is:
      """
      deployment.apps/web patched (no change)
      """
    When I run:
      """
      kubectl patch deployment web -p '{"spec":{"$patch":"bogus"}}'
      """
    Then the command fails with:
      """
      Error from server (BadRequest): unknown patch type: bogus in map: map[$patch:bogus]
      """
    When I run "kubectl patch deployment web --type=strategic-merge -p '{}'"
    Then the command fails with:
      """
      error: --type must be one of [json merge strategic], not "strategic-merge"
      """
    When I run "kubectl patch deployment web"
    Then the command fails with:
      """
      error: must specify --patch or --patch-file containing the contents of the patch
      """

  Scenario: kubectl apply removes what the manifest no longer has and keeps what others added
    Given I apply:
      """
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: app
        labels:
          tier: front
          team: a
      data:
        mode: fast
        color: blue
      """
    When I run "kubectl label configmap app owner=ops"
    And I run:
      """
      kubectl apply -f -
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: app
        labels:
          tier: front
      data:
        mode: fast
      """
    Then the output is:
      """
      configmap/app configured
      """
    When I run "kubectl get configmap app -o yaml"
    Then the output contains:
      """
      data:
        mode: fast
      kind: ConfigMap
      """
    And the output contains:
      """
        labels:
          owner: ops
          tier: front
        name: app
      """
    When I run:
      """
      kubectl apply -f -
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: app
        labels:
          tier: front
      data:
        mode: fast
      """
    Then the output is:
      """
      configmap/app unchanged
      """

  Scenario: kubectl edit sends what the editor changed
    When I run "KUBE_EDITOR='sed -i s/nginx:1.27/nginx:1.28/' kubectl edit deployment web"
    Then the output is:
      """
      deployment.apps/web edited
      """
    When I run "kubectl get deployment web -o yaml"
    Then the output contains "image: nginx:1.28"
    When I run "KUBE_EDITOR='sed -i s/nothing-matches/x/' kubectl edit deployment web"
    Then the error output is:
      """
      Edit cancelled, no changes made.
      """

  Scenario: kubectl edit re-opens an invalid edit and gives up when the editor changes nothing more
    Given I run "kubectl run solo --image=nginx"
    When I run "KUBE_EDITOR='sed -i s/restartPolicy:.Always/restartPolicy:\ Never/' kubectl edit pod solo"
    Then the command fails with:
      """
      error: pods "solo" is invalid
      """
    And the command fails with "A copy of your changes has been stored to"
    And the command fails with "error: Edit cancelled, no valid changes were saved."
