Feature: kubectl explain and api-versions read the API's own documents
  `kubectl explain` renders the OpenAPI v3 document the apiserver serves for the resource's group
  version with kubectl's plaintext template: KIND/VERSION (and GROUP), the field's type, its enum values, its
  description wrapped at 80 columns, and the fields below it; `--recursive` lists the whole tree of
  field names and types. `kubectl api-versions` lists every group version discovery serves.

  Background:
    Given a cluster with 1 node

  Scenario: The group versions the server serves
    When I run "kubectl api-versions"
    Then the output is:
      """
      apiextensions.k8s.io/v1
      apps/v1
      batch/v1
      coordination.k8s.io/v1
      discovery.k8s.io/v1
      rbac.authorization.k8s.io/v1
      scheduling.k8s.io/v1
      v1
      """

  Scenario: A field of a core resource, with its enum values
    When I run "kubectl explain pods.spec.restartPolicy"
    Then the output is:
      """
      KIND:       Pod
      VERSION:    v1

      FIELD: restartPolicy <string>
      ENUM:
          Always
          Never
          OnFailure

      DESCRIPTION:
          Restart policy for all containers within the pod. One of Always, OnFailure,
          Never. In some contexts, only a subset of those values may be permitted.
          Default to Always. More info:
          https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#restart-policy
          
          Possible enum values:
           - `"Always"`
           - `"Never"`
           - `"OnFailure"`
          

      """

  Scenario: A field of a grouped resource named by its short name, and the fields below a list
    When I run "kubectl explain cj.spec.schedule"
    Then the output is:
      """
      GROUP:      batch
      KIND:       CronJob
      VERSION:    v1

      FIELD: schedule <string>


      DESCRIPTION:
          The schedule in Cron format, see https://en.wikipedia.org/wiki/Cron.
          

      """
    When I run "kubectl explain pods.spec.containers.ports"
    Then the output contains:
      """
      FIELD: ports <[]ContainerPort>
      """
    And the output contains:
      """
      FIELDS:
        containerPort	<integer> -required-
          Number of port to expose on the pod's IP address. This must be a valid port
          number, 0 < x < 65536.

        hostIP	<string>
          What host IP to bind the external port to.
      """

  Scenario: --recursive lists the field tree
    When I run "kubectl explain deployments.apps.spec.template.metadata --recursive"
    Then the output contains:
      """
      FIELDS:
        annotations	<map[string]string>
        creationTimestamp	<string>
        deletionGracePeriodSeconds	<integer>
        deletionTimestamp	<string>
        finalizers	<[]string>
        generateName	<string>
        generation	<integer>
        labels	<map[string]string>
        managedFields	<[]ManagedFieldsEntry>
          apiVersion	<string>
          fieldsType	<string>
          fieldsV1	<Object>
          manager	<string>
          operation	<string>
          subresource	<string>
          time	<string>
        name	<string>
        namespace	<string>
        ownerReferences	<[]OwnerReference>
          apiVersion	<string> -required-
      """

  Scenario: --recursive shows enum values and the names of IntOrString and Quantity
    When I run "kubectl explain services.spec --recursive"
    Then the output contains:
      """
        ports	<[]ServicePort>
          appProtocol	<string>
          name	<string>
          nodePort	<integer>
          port	<integer> -required-
          protocol	<string>
          enum: SCTP, TCP, UDP
          targetPort	<IntOrString>
      """
    And the output contains:
      """
        type	<string>
        enum: ClusterIP, ExternalName, LoadBalancer, NodePort
      """
    When I run "kubectl explain pods.spec.containers.resources.limits"
    Then the output contains:
      """
      FIELD: limits <map[string]Quantity>
      """

  Scenario: Unknown resources, fields and versions get kubectl's errors
    When I run "kubectl explain foo"
    Then the command fails with:
      """
      the server doesn't have a resource type "foo"
      """
    When I run "kubectl explain pods.spec.nope"
    Then the output is:
      """
      KIND:       Pod
      VERSION:    v1

      """
    And the command fails with:
      """
      error: field "nope" does not exist
      """
    When I run "kubectl explain pods --api-version=apps/v1"
    Then the command fails with:
      """
      error: GVR (apps/v1, Resource=pods) not found in OpenAPI schema
      """
    When I run "kubectl explain"
    Then the command fails with:
      """
      error: You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.
      """
    When I run "kubectl explain pods -o yaml"
    Then the command fails with:
      """
      error: unrecognized format: yaml
      """
