Feature: Pulling images: ErrImagePull, ImagePullBackOff and pull policies
  The kubelet pulls a container's image unless it is on the node already (IfNotPresent) — or
  always (`:latest` or no tag), or never. A pull that fails is reported as ErrImagePull with the
  container runtime's error, and retried with a back-off (10 s doubling to 5 minutes) during which
  the container waits with reason ImagePullBackOff.

  Background:
    Given a cluster with 1 node

  Scenario: A tag that does not exist
    When I run "kubectl run web --image=nginx:1.277"
    Then within 5 seconds, pod "web" is "ErrImagePull"
    And within 20 seconds, pod "web" is "ImagePullBackOff"
    When I run "kubectl describe pod web"
    Then the output contains:
      """
          State:          Waiting
            Reason:       ImagePullBackOff
      """
    And the output contains:
      """
        Type     Reason     Age               From               Message
        ----     ------     ----              ----               -------
        Normal   Scheduled  12s               default-scheduler  Successfully assigned default/web to node-1
        Warning  Failed     10s               kubelet            Failed to pull image "nginx:1.277": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:1.277": failed to resolve reference "docker.io/library/nginx:1.277": docker.io/library/nginx:1.277: not found
        Warning  Failed     10s               kubelet            Error: ErrImagePull
        Normal   BackOff    10s               kubelet            Back-off pulling image "nginx:1.277"
        Warning  Failed     10s               kubelet            Error: ImagePullBackOff
        Normal   Pulling    0s (x2 over 11s)  kubelet            Pulling image "nginx:1.277"
      """
    When I run "kubectl get pod web -o yaml"
    Then the output contains:
      """
              message: 'Back-off pulling image "nginx:1.277": ErrImagePull: rpc error: code
                = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:1.277":
                failed to resolve reference "docker.io/library/nginx:1.277": docker.io/library/nginx:1.277:
                not found'
              reason: ImagePullBackOff
      """
    When I run "kubectl logs web"
    Then the command fails with:
      """
      Error from server (BadRequest): container "web" in pod "web" is waiting to start: trying and failing to pull image
      """

  Scenario: A repository that does not exist
    When I run "kubectl run web --image=ngnix"
    Then within 5 seconds, pod "web" is "ErrImagePull"
    When I run "kubectl describe pod web"
    Then the output contains "Failed to pull image \"ngnix\": rpc error: code = Unknown desc = failed to pull and unpack image \"docker.io/library/ngnix:latest\": failed to resolve reference \"docker.io/library/ngnix:latest\": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed"

  Scenario: The image becomes available while the pull backs off
    When I run "kubectl run app --image=registry.example.com/team/app:1.0"
    Then within 20 seconds, pod "app" is "ImagePullBackOff"
    Given the images:
      | image                             | pull | listens |
      | registry.example.com/team/app:1.0 | 5s   | 8080    |
    Then within 1 minute, pod "app" is "Running"

  Scenario: IfNotPresent uses the image already on the node
    When I run "kubectl run first --image=nginx:1.27"
    And 10 seconds pass
    And I run "kubectl run second --image=nginx:1.27"
    And 2 seconds pass
    And I run "kubectl describe pod second"
    Then the output contains:
      """
        Normal  Pulled     1s    kubelet            Container image "nginx:1.27" already present on machine
      """

  Scenario: imagePullPolicy Never with an image the node does not have
    When I run "kubectl run local --image=nginx:1.27 --image-pull-policy=Never"
    Then within 5 seconds, pod "local" is "ErrImageNeverPull"
    When I run "kubectl describe pod local"
    Then the output contains "Warning  ErrImageNeverPull  "
    And the output contains "Container image \"nginx:1.27\" is not present with pull policy of Never"

  Scenario: An image name that is not a valid reference
    When I run "kubectl run shout --image=NGINX"
    Then within 5 seconds, pod "shout" is "InvalidImageName"
    When I run "kubectl describe pod shout"
    Then the output contains "Failed to apply default image tag \"NGINX\": couldn't parse image name \"NGINX\": invalid reference format: repository name (library/NGINX) must be lowercase"
