Feature: kubectl api-resources lists what the apiserver serves
  Discovery lists every served resource with its short names, API version, scope and kind, sorted by
  API group and then by name, exactly as kubectl api-resources prints it.

  Background:
    Given a cluster with 1 node

  Scenario: The full table
    When I run "kubectl api-resources"
    Then the output is:
      """
      NAME                        SHORTNAMES   APIVERSION                     NAMESPACED   KIND
      bindings                                 v1                             true         Binding
      configmaps                  cm           v1                             true         ConfigMap
      endpoints                   ep           v1                             true         Endpoints
      events                      ev           v1                             true         Event
      namespaces                  ns           v1                             false        Namespace
      nodes                       no           v1                             false        Node
      pods                        po           v1                             true         Pod
      secrets                                  v1                             true         Secret
      serviceaccounts             sa           v1                             true         ServiceAccount
      services                    svc          v1                             true         Service
      customresourcedefinitions   crd,crds     apiextensions.k8s.io/v1        false        CustomResourceDefinition
      controllerrevisions                      apps/v1                        true         ControllerRevision
      daemonsets                  ds           apps/v1                        true         DaemonSet
      deployments                 deploy       apps/v1                        true         Deployment
      replicasets                 rs           apps/v1                        true         ReplicaSet
      statefulsets                sts          apps/v1                        true         StatefulSet
      cronjobs                    cj           batch/v1                       true         CronJob
      jobs                                     batch/v1                       true         Job
      leases                                   coordination.k8s.io/v1         true         Lease
      endpointslices                           discovery.k8s.io/v1            true         EndpointSlice
      clusterrolebindings                      rbac.authorization.k8s.io/v1   false        ClusterRoleBinding
      clusterroles                             rbac.authorization.k8s.io/v1   false        ClusterRole
      rolebindings                             rbac.authorization.k8s.io/v1   true         RoleBinding
      roles                                    rbac.authorization.k8s.io/v1   true         Role
      priorityclasses             pc           scheduling.k8s.io/v1           false        PriorityClass
      """

  Scenario: Cluster-scoped resources with their verbs and categories
    When I run "kubectl api-resources --namespaced=false -o wide"
    Then the output is:
      """
      NAME                        SHORTNAMES   APIVERSION                     NAMESPACED   KIND                       VERBS                                                        CATEGORIES
      namespaces                  ns           v1                             false        Namespace                  create,delete,get,list,patch,update,watch
      nodes                       no           v1                             false        Node                       create,delete,deletecollection,get,list,patch,update,watch
      customresourcedefinitions   crd,crds     apiextensions.k8s.io/v1        false        CustomResourceDefinition   create,delete,deletecollection,get,list,patch,update,watch   api-extensions
      clusterrolebindings                      rbac.authorization.k8s.io/v1   false        ClusterRoleBinding         create,delete,deletecollection,get,list,patch,update,watch
      clusterroles                             rbac.authorization.k8s.io/v1   false        ClusterRole                create,delete,deletecollection,get,list,patch,update,watch
      priorityclasses             pc           scheduling.k8s.io/v1           false        PriorityClass              create,delete,deletecollection,get,list,patch,update,watch
      """

  Scenario: Names of one API group, and the resources of a category
    When I run "kubectl api-resources --api-group=apps -o name"
    Then the output is:
      """
      controllerrevisions.apps
      daemonsets.apps
      deployments.apps
      replicasets.apps
      statefulsets.apps
      """
    When I run "kubectl api-resources --categories=all --sort-by=kind --no-headers"
    Then the output is:
      """
      cronjobs       cj       batch/v1   true   CronJob
      daemonsets     ds       apps/v1    true   DaemonSet
      deployments    deploy   apps/v1    true   Deployment
      jobs                    batch/v1   true   Job
      pods           po       v1         true   Pod
      replicasets    rs       apps/v1    true   ReplicaSet
      services       svc      v1         true   Service
      statefulsets   sts      apps/v1    true   StatefulSet
      """

  Scenario: Bad flags get kubectl's errors
    When I run "kubectl api-resources -o json"
    Then the command fails with "error: --output json is not available"
    When I run "kubectl api-resources --sort-by=verbs"
    Then the command fails with "error: --sort-by accepts only name or kind"
    When I run "kubectl api-resources pods"
    Then the command fails with:
      """
      error: unexpected arguments: [pods]
      See 'kubectl api-resources -h' for help and examples
      """
