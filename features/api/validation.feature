Feature: The apiserver validates every kind with its real rules and messages
  Each kind is checked as its registry strategy checks it in Kubernetes v1.32, and kubectl prints
  the Invalid status the way real kubectl does: one cause on the first line, several as a list.

  Background:
    Given a cluster with 1 node

  Scenario: ConfigMap keys must be valid and not repeated in binaryData
    When I run:
      """
      kubectl apply -f -
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: settings
      data:
        "bad key": "1"
        good: "2"
      binaryData:
        good: aGVsbG8=
      """
    Then the command fails with:
      """
      The ConfigMap "settings" is invalid: 
      * data[bad key]: Invalid value: "bad key": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')
      * data[good]: Invalid value: "good": duplicate of key present in binaryData
      """

  Scenario: An immutable ConfigMap keeps its data
    Given I apply:
      """
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: frozen
      immutable: true
      data:
        a: "1"
      """
    When I run:
      """
      kubectl patch configmap frozen -p '{"data":{"a":"2"}}'
      """
    Then the command fails with:
      """
      The ConfigMap "frozen" is invalid: data: Forbidden: field is immutable when `immutable` is set
      """

  Scenario: Secrets store stringData as base64 data and check their type's keys
    When I run:
      """
      kubectl apply -f -
      apiVersion: v1
      kind: Secret
      metadata:
        name: db
      stringData:
        password: s3cret
      """
    Then the output is:
      """
      secret/db created
      """
    When I run "kubectl get secret db -o yaml"
    Then the output contains:
      """
      data:
        password: czNjcmV0
      """
    And the output contains "type: Opaque"
    When I run:
      """
      kubectl apply -f -
      apiVersion: v1
      kind: Secret
      metadata:
        name: cert
      type: kubernetes.io/tls
      stringData:
        ca.crt: x
      """
    Then the command fails with:
      """
      The Secret "cert" is invalid: 
      * data[tls.crt]: Required value
      * data[tls.key]: Required value
      """
    When I run:
      """
      kubectl apply -f -
      apiVersion: v1
      kind: Secret
      metadata:
        name: raw
      data:
        key: "not base64!"
      """
    Then the command fails with:
      """
      Error from server (BadRequest): error when creating "STDIN": Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 3
      """

  Scenario: RBAC bindings need a known role kind, a role name and known subject kinds
    When I run:
      """
      kubectl apply -f -
      apiVersion: rbac.authorization.k8s.io/v1
      kind: RoleBinding
      metadata:
        name: rb
      subjects:
      - kind: Robot
        name: r2
      - kind: ServiceAccount
        name: Bad_SA
      roleRef:
        kind: Thing
        name: ""
      """
    Then the command fails with:
      """
      The RoleBinding "rb" is invalid: 
      * roleRef.kind: Unsupported value: "Thing": supported values: "Role", "ClusterRole"
      * roleRef.name: Required value
      * subjects[0].kind: Unsupported value: "Robot": supported values: "ServiceAccount", "User", "Group"
      * subjects[1].name: Invalid value: "Bad_SA": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')
      """
    When I run:
      """
      kubectl apply -f -
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRole
      metadata:
        name: half
      rules:
      - resources: ["pods"]
      """
    Then the command fails with:
      """
      The ClusterRole "half" is invalid: 
      * rules[0].verbs: Required value: verbs must contain at least one value
      * rules[0].apiGroups: Required value: resource rules must supply at least one api group
      """

  Scenario: A binding's roleRef cannot change
    Given I apply:
      """
      apiVersion: rbac.authorization.k8s.io/v1
      kind: RoleBinding
      metadata:
        name: readers
      subjects:
      - kind: User
        name: jane
      roleRef:
        kind: Role
        name: reader
        apiGroup: rbac.authorization.k8s.io
      """
    When I run:
      """
      kubectl patch rolebinding readers --type=merge -p '{"roleRef":{"name":"writer"}}'
      """
    Then the command fails with:
      """
      The RoleBinding "readers" is invalid: roleRef: Invalid value: rbac.RoleRef{APIGroup:"rbac.authorization.k8s.io", Kind:"Role", Name:"writer"}: cannot change roleRef
      """

  Scenario: Priority classes: reserved names, the highest user value, one default, a fixed value
    When I run:
      """
      kubectl apply -f -
      apiVersion: scheduling.k8s.io/v1
      kind: PriorityClass
      metadata:
        name: system-mine
      value: 5
      """
    Then the command fails with:
      """
      The PriorityClass "system-mine" is invalid: metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: system-mine is not a known system priority class
      """
    When I run:
      """
      kubectl apply -f -
      apiVersion: scheduling.k8s.io/v1
      kind: PriorityClass
      metadata:
        name: huge
      value: 2000000000
      """
    Then the command fails with:
      """
      The PriorityClass "huge" is invalid: value: Forbidden: maximum allowed value of a user defined priority is 1000000000
      """
    Given I apply:
      """
      apiVersion: scheduling.k8s.io/v1
      kind: PriorityClass
      metadata:
        name: normal
      value: 10
      globalDefault: true
      """
    When I run:
      """
      kubectl apply -f -
      apiVersion: scheduling.k8s.io/v1
      kind: PriorityClass
      metadata:
        name: other
      value: 20
      globalDefault: true
      """
    Then the command fails with:
      """
      Error from server (Forbidden): error when creating "STDIN": priorityclasses.scheduling.k8s.io "other" is forbidden: PriorityClass normal is already marked as default. Only one default can exist
      """
    When I run:
      """
      kubectl patch priorityclass normal --type=merge -p '{"value":11}'
      """
    Then the command fails with:
      """
      The PriorityClass "normal" is invalid: value: Forbidden: may not be changed in an update.
      """
    When I run "kubectl run web --image=nginx"
    And I run "kubectl get pod web -o yaml"
    Then the output contains "priorityClassName: normal"

  Scenario: Lease durations must be positive
    When I run:
      """
      kubectl apply -f -
      apiVersion: coordination.k8s.io/v1
      kind: Lease
      metadata:
        name: lock
      spec:
        leaseDurationSeconds: 0
        leaseTransitions: -1
      """
    Then the command fails with:
      """
      The Lease "lock" is invalid: 
      * spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0
      * spec.leaseTransitions: Invalid value: -1: must be greater than or equal to 0
      """

  Scenario: A pod's spec is fixed except its images, and its uid can never change
    Given I run "kubectl run web --image=nginx"
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
          image: nginx:1.27
      """
    Then the output is:
      """
      pod/web configured
      """
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
          image: nginx:1.27
          ports:
          - containerPort: 80
      """
    Then the command fails with:
      """
      The Pod "web" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)
      """
    When I run:
      """
      kubectl patch pod web --type=merge -p '{"metadata":{"uid":"00000000-0000-0000-0000-000000000000"}}'
      """
    Then the command fails with:
      """
      The Pod "web" is invalid: metadata.uid: Invalid value: "00000000-0000-0000-0000-000000000000": field is immutable
      """

  Scenario: A Deployment's selector is immutable in apps/v1
    Given I apply:
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
              image: nginx
      """
    When I run:
      """
      kubectl patch deployment web --type=merge -p '{"spec":{"selector":{"matchLabels":{"app":"web2"}}}}'
      """
    Then the command fails with:
      """
      The Deployment "web" is invalid: 
      * spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`
      * spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web2"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable
      """

  Scenario: A StatefulSet's spec is fixed except its replicas, template and update settings
    Given I apply:
      """
      apiVersion: apps/v1
      kind: StatefulSet
      metadata:
        name: db
      spec:
        serviceName: db
        selector:
          matchLabels: {app: db}
        template:
          metadata:
            labels: {app: db}
          spec:
            containers:
            - name: db
              image: postgres
      """
    When I run:
      """
      kubectl patch statefulset db --type=merge -p '{"spec":{"serviceName":"other"}}'
      """
    Then the command fails with:
      """
      The StatefulSet "db" is invalid: spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden
      """
    When I run "kubectl scale statefulset db --replicas=3"
    Then the output is:
      """
      statefulset.apps/db scaled
      """

  Scenario: A Secret's type is immutable
    Given I apply:
      """
      apiVersion: v1
      kind: Secret
      metadata:
        name: creds
      stringData:
        token: abc
      """
    When I run:
      """
      kubectl patch secret creds --type=merge -p '{"type":"kubernetes.io/basic-auth","stringData":{"username":"u"}}'
      """
    Then the command fails with:
      """
      The Secret "creds" is invalid: type: Invalid value: "kubernetes.io/basic-auth": field is immutable
      """

  Scenario: Annotations: set, refuse to overwrite, remove, and keys the apiserver refuses
    When I run "kubectl annotate configmap kube-root-ca.crt owner=team-a"
    Then the output is:
      """
      configmap/kube-root-ca.crt annotated
      """
    When I run "kubectl annotate configmap kube-root-ca.crt owner=team-b"
    Then the command fails with:
      """
      error: --overwrite is false but found the following declared annotation(s): 'owner' already has a value (team-a)
      """
    When I run "kubectl annotate configmap kube-root-ca.crt owner=team-b --overwrite"
    And I run "kubectl annotate configmap kube-root-ca.crt owner-"
    Then the output is:
      """
      configmap/kube-root-ca.crt annotated
      """
    When I run "kubectl annotate configmap kube-root-ca.crt bad/key/x=1"
    Then the command fails with:
      """
      The ConfigMap "kube-root-ca.crt" is invalid: metadata.annotations: Invalid value: "bad/key/x": a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')
      """
