Feature: kubectl get prints RBAC, scheduling and coordination objects as the apiserver tables them
  The apiserver builds the table kubectl prints: RoleBindings show their role as Kind/name and, with
  -o wide, their subjects; PriorityClasses show their value, whether they are the global default and
  their preemption policy; Roles have no printer of their own and get the default NAME / CREATED AT.

  Background:
    Given a cluster with 1 node
    And I apply:
      """
      apiVersion: rbac.authorization.k8s.io/v1
      kind: Role
      metadata:
        name: pod-reader
      rules:
      - apiGroups: [""]
        resources: ["pods"]
        verbs: ["get", "list"]
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: RoleBinding
      metadata:
        name: read-pods
      subjects:
      - kind: User
        name: jane
      - kind: Group
        name: devs
      - kind: ServiceAccount
        name: robot
        namespace: default
      roleRef:
        kind: Role
        name: pod-reader
        apiGroup: rbac.authorization.k8s.io
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRoleBinding
      metadata:
        name: view-all
      subjects:
      - kind: Group
        name: auditors
      roleRef:
        kind: ClusterRole
        name: view
        apiGroup: rbac.authorization.k8s.io
      ---
      apiVersion: scheduling.k8s.io/v1
      kind: PriorityClass
      metadata:
        name: batch-low
      value: 100
      preemptionPolicy: Never
      """
    And 2 minutes pass

  Scenario: Roles have the default table
    When I run "kubectl get roles"
    Then the output is:
      """
      NAME         CREATED AT
      pod-reader   2025-03-01T09:00:00Z
      """

  Scenario: Bindings show their role, and their subjects when wide
    When I run "kubectl get rolebindings"
    Then the output is:
      """
      NAME        ROLE              AGE
      read-pods   Role/pod-reader   2m
      """
    When I run "kubectl get rolebindings -o wide"
    Then the output is:
      """
      NAME        ROLE              AGE   USERS   GROUPS   SERVICEACCOUNTS
      read-pods   Role/pod-reader   2m    jane    devs     default/robot
      """
    When I run "kubectl get clusterrolebinding view-all -o wide"
    Then the output is:
      """
      NAME       ROLE               AGE   USERS   GROUPS     SERVICEACCOUNTS
      view-all   ClusterRole/view   2m            auditors
      """

  Scenario: Priority classes, including the two the apiserver creates
    When I run "kubectl get priorityclasses"
    Then the output is:
      """
      NAME                      VALUE        GLOBAL-DEFAULT   AGE   PREEMPTIONPOLICY
      batch-low                 100          false            2m    Never
      system-cluster-critical   2000000000   false            2m    PreemptLowerPriority
      system-node-critical      2000001000   false            2m    PreemptLowerPriority
      """

  Scenario: Leases are tabled with their holder
    When I run "kubectl get leases -n kube-node-lease"
    Then the output is:
      """
      NAME            HOLDER          AGE
      control-plane   control-plane   2m
      node-1          node-1          2m
      """
