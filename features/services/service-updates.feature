Feature: Changing and validating services
  The apiserver keeps a service's cluster IP for its whole life, drops the node ports when a
  NodePort service becomes a ClusterIP one, allocates them when it goes back, and refuses
  malformed port lists with the field errors of ValidateService.

  Background:
    Given a cluster with 1 node

  Scenario: A NodePort service turned ClusterIP loses its node port and keeps its IP
    When I run "kubectl create service nodeport web --tcp=80:8080 --node-port=30080"
    And I run:
      """
      kubectl patch service web -p '{"spec":{"type":"ClusterIP"}}'
      """
    Then the output is:
      """
      service/web patched
      """
    When I run "kubectl get service web"
    Then the output is:
      """
      NAME   TYPE        CLUSTER-IP     EXTERNAL-IP   PORT(S)   AGE
      web    ClusterIP   10.110.58.84   <none>        80/TCP    0s
      """
    When I run:
      """
      kubectl patch service web -p '{"spec":{"clusterIP":"10.96.1.1","clusterIPs":["10.96.1.1"]}}'
      """
    Then the command fails with:
      """
      The Service "web" is invalid: spec.clusterIPs[0]: Invalid value: []string{"10.96.1.1"}: may not change once set
      """

  Scenario: Multi-port services need port names, and ports must be valid
    When I run:
      """
      kubectl apply -f -
      apiVersion: v1
      kind: Service
      metadata:
        name: web
      spec:
        type: ClusterIP
        ports:
        - port: 80
        - port: 443
          targetPort: 70000
          nodePort: 30443
      """
    Then the command fails with:
      """
      The Service "web" is invalid: 
      * spec.ports[0].name: Required value
      * spec.ports[1].name: Required value
      * spec.ports[1].targetPort: Invalid value: 70000: must be between 1 and 65535, inclusive
      * spec.ports[1].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'
      """

  Scenario: An ExternalName service needs a name to point at
    When I run "kubectl create service externalname search --external-name=search.example.com"
    Then the output is:
      """
      service/search created
      """
    When I run:
      """
      kubectl apply -f -
      apiVersion: v1
      kind: Service
      metadata:
        name: nowhere
      spec:
        type: ExternalName
      """
    Then the command fails with:
      """
      The Service "nowhere" is invalid: spec.externalName: Required value
      """
