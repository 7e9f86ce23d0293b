Feature: Bad input gets a clear error and changes nothing
  Malformed manifests name the line, unknown kinds and fields get kubectl's and the apiserver's
  errors, and invalid names are refused with the apiserver's validation message.

  Background:
    Given a cluster with 1 node

  Scenario: Malformed YAML names the line and applies nothing
    When I run:
      """
      kubectl apply -f -
      apiVersion: v1
      kind: Pod
      metadata:
        name: first
      ---
      apiVersion: v1
      kind: Pod
      metadata:
        name: second
         labels: broken
      """
    Then the command fails with:
      """
      error: error parsing STDIN: error converting YAML to JSON: yaml: line 5: mapping values are not allowed in this context
      """
    When I run "kubectl get pods"
    Then the error output is:
      """
      No resources found in default namespace.
      """

  Scenario: A kind the cluster does not serve
    When I run:
      """
      kubectl apply -f -
      apiVersion: v1
      kind: Pdo
      metadata:
        name: typo
      """
    Then the command fails with:
      """
      error: resource mapping not found for name: "typo" namespace: "" from "STDIN": no matches for kind "Pdo" in version "v1"
      ensure CRDs are installed first
      """

  Scenario: A manifest without a kind
    When I run:
      """
      kubectl create -f -
      apiVersion: v1
      metadata:
        name: nameless
      """
    Then the command fails with:
      """
      error: error validating "STDIN": error validating data: kind not set; if you choose to ignore these errors, turn validation off with --validate=false
      """

  Scenario: An unknown field is rejected by strict field validation, or dropped without validation
    When I run:
      """
      kubectl apply -f -
      apiVersion: v1
      kind: Pod
      metadata:
        name: typo
      spec:
        containerz:
        - name: app
          image: nginx
        containers:
        - name: app
          image: nginx
      """
    Then the command fails with:
      """
      Error from server (BadRequest): error when creating "STDIN": Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containerz"
      """
    When I run:
      """
      kubectl apply --validate=false -f -
      apiVersion: v1
      kind: Pod
      metadata:
        name: typo
      spec:
        containerz:
        - name: app
          image: nginx
        containers:
        - name: app
          image: nginx
      """
    Then the output is:
      """
      pod/typo created
      """

  Scenario: A field of the wrong type
    When I run:
      """
      kubectl apply -f -
      apiVersion: v1
      kind: Pod
      metadata:
        name: web
      spec:
        containers:
        - name: web
          image: nginx
          ports:
          - containerPort: http
      """
    Then the command fails with:
      """
      Error from server (BadRequest): error when creating "STDIN": Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal string into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32
      """

  Scenario: Invalid names are refused with the apiserver's messages
    When I run:
      """
      kubectl apply -f -
      apiVersion: v1
      kind: Pod
      metadata:
        name: Bad_Name
      spec:
        containers:
        - name: App
          image: nginx
      """
    Then the command fails with:
      """
      The Pod "Bad_Name" is invalid: 
      * metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')
      * spec.containers[0].name: Invalid value: "App": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')
      """

  Scenario: A pod without containers or images
    When I run:
      """
      kubectl apply -f -
      apiVersion: v1
      kind: Pod
      metadata:
        name: empty
      spec:
        containers:
        - name: app
      """
    Then the command fails with:
      """
      The Pod "empty" is invalid: spec.containers[0].image: Required value
      """

  Scenario: A label value that is not valid
    When I run:
      """
      kubectl apply -f -
      apiVersion: v1
      kind: Pod
      metadata:
        name: labelled
        labels:
          app: -bad-
      spec:
        containers:
        - name: app
          image: nginx
      """
    Then the command fails with:
      """
      The Pod "labelled" is invalid: metadata.labels: Invalid value: "-bad-": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')
      """

  Scenario: Things that do not exist
    When I run "kubectl get pod ghost"
    Then the command fails with:
      """
      Error from server (NotFound): pods "ghost" not found
      """
    When I run "kubectl get widgets"
    Then the command fails with:
      """
      error: the server doesn't have a resource type "widgets"
      """
    When I run "kubectl get pods --colour"
    Then the command fails with:
      """
      error: unknown flag: --colour
      See 'kubectl get --help' for usage.
      """

  Scenario: Creating what already exists
    When I run "kubectl run web --image=nginx"
    And I run "kubectl run web --image=nginx"
    Then the command fails with:
      """
      Error from server (AlreadyExists): pods "web" already exists
      """
