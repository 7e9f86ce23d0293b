Feature: Labels and label selectors
  Labels are key/value pairs that organise pods into groups; selectors pick those groups out.
  `--show-labels` and `-L` show them, `-l` selects with equality (`env=dev`), existence (`env`),
  absence (`!env`) and set-based (`env in (dev,qa)`) requirements.

  Background:
    Given a cluster with 2 nodes
    When I apply:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: manual-dev
        labels:
          creation_method: manual
          env: dev
      spec:
        containers:
        - name: nginx
          image: nginx:1.14.2
          ports:
          - containerPort: 80
      ---
      apiVersion: v1
      kind: Pod
      metadata:
        name: manual-prod
        labels:
          creation_method: manual
          env: prod
      spec:
        containers:
        - name: nginx
          image: nginx:1.14.2
      ---
      apiVersion: v1
      kind: Pod
      metadata:
        name: unlabelled
      spec:
        containers:
        - name: nginx
          image: nginx:1.14.2
      """
    And 30 seconds pass

  Scenario: --show-labels adds a LABELS column
    When I run "kubectl get po --show-labels"
    Then the output is:
      """
      NAME          READY   STATUS    RESTARTS   AGE   LABELS
      manual-dev    1/1     Running   0          30s   creation_method=manual,env=dev
      manual-prod   1/1     Running   0          30s   creation_method=manual,env=prod
      unlabelled    1/1     Running   0          30s   <none>
      """

  Scenario: -L shows chosen labels as columns
    When I run "kubectl get po -L creation_method,env"
    Then the output is:
      """
      NAME          READY   STATUS    RESTARTS   AGE   CREATION_METHOD   ENV
      manual-dev    1/1     Running   0          30s   manual            dev
      manual-prod   1/1     Running   0          30s   manual            prod
      unlabelled    1/1     Running   0          30s
      """

  Scenario Outline: Selecting pods with <selector>
    When I run "kubectl get po -l '<selector>' -o name"
    Then the output is:
      """
      <pods>
      """

    Examples:
      | selector                | pods                                |
      | env                     | pod/manual-dev\npod/manual-prod     |
      | !env                    | pod/unlabelled                      |
      | env=dev                 | pod/manual-dev                      |
      | env!=dev                | pod/manual-prod\npod/unlabelled     |
      | env in (dev,qa)         | pod/manual-dev                      |
      | env notin (dev)         | pod/manual-prod\npod/unlabelled     |
      | creation_method=manual,env=prod | pod/manual-prod             |

  Scenario: A label that exists is only changed with --overwrite
    When I run "kubectl label po manual-dev env=prd"
    Then the command fails with:
      """
      error: 'env' already has a value (dev), and --overwrite is false
      """
    When I run "kubectl label po manual-dev env=prd --overwrite"
    Then the output is:
      """
      pod/manual-dev labeled
      """
    When I run "kubectl get po -l env=prd -o name"
    Then the output is:
      """
      pod/manual-dev
      """

  Scenario: A label is added, and removed with key-
    When I run "kubectl label po unlabelled creation_method=manual"
    Then the output is:
      """
      pod/unlabelled labeled
      """
    When I run "kubectl label po unlabelled creation_method-"
    Then the output is:
      """
      pod/unlabelled unlabeled
      """
    When I run "kubectl get po unlabelled --show-labels"
    Then the output contains "<none>"

  Scenario: Invalid labels are refused with the validation message
    When I run "kubectl label po unlabelled app=-x"
    Then the command fails with:
      """
      error: invalid label value: "app=-x": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')
      """
    When I run "kubectl label po unlabelled 'bad key=x'"
    Then the command fails with:
      """
      The Pod "unlabelled" is invalid: metadata.labels: Invalid value: "bad key": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')
      """

  Scenario: A selector that does not parse is refused by the apiserver
    When I run "kubectl get po -l 'env in (dev'"
    Then the command fails with:
      """
      Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "env in (dev", field selector "": unable to parse requirement: found '', expected: ',' or ')'
      """
    When I run "kubectl get po -l 'env in ()'"
    Then the error output is:
      """
      No resources found in default namespace.
      """
