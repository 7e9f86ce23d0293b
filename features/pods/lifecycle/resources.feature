Feature: Resource requests and limits, as the scheduler and kubectl describe node count them
  The scheduler places a pod only where its requests fit the node's allocatable resources next to
  the pods already there; `kubectl describe node` lists those pods and totals their requests and
  limits the same way (containers and sidecars add up, an init container counts alone when it asks
  for more, terminated pods no longer count). Memory limits are enforced by the OOM killer; CPU
  limits are written to the container's cgroup.

  Scenario: describe node totals what its pods request
    Given a cluster with nodes:
      | name   | cpu | memory |
      | node-1 | 2   | 4Gi    |
    When I apply:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: web
      spec:
        containers:
        - name: web
          image: nginx
          resources:
            requests:
              cpu: 500m
              memory: 256Mi
            limits:
              cpu: "1"
              memory: 512Mi
      ---
      apiVersion: v1
      kind: Pod
      metadata:
        name: batch
      spec:
        initContainers:
        - name: prepare
          image: busybox
          command: ["sh", "-c", "sleep 1"]
          resources:
            requests:
              cpu: "1"
        - name: proxy
          image: nginx
          restartPolicy: Always
          resources:
            requests:
              cpu: 100m
              memory: 64Mi
        containers:
        - name: worker
          image: busybox
          command: ["sleep", "3600"]
          resources:
            requests:
              cpu: 200m
              memory: 128Mi
      ---
      apiVersion: v1
      kind: Pod
      metadata:
        name: finished
      spec:
        restartPolicy: Never
        containers:
        - name: once
          image: busybox
          command: ["true"]
          resources:
            requests:
              cpu: 300m
      """
    And 30 seconds pass
    And I run "kubectl describe node node-1"
    Then the output contains:
      """
      Non-terminated Pods:          (3 in total)
        Namespace                   Name                CPU Requests  CPU Limits  Memory Requests  Memory Limits  Age
        ---------                   ----                ------------  ----------  ---------------  -------------  ---
        default                     batch               1 (50%)       0 (0%)      192Mi (4%)       0 (0%)         30s
        default                     web                 500m (25%)    1 (50%)     256Mi (6%)       512Mi (12%)    30s
        kube-system                 kube-proxy-pnggb    0 (0%)        0 (0%)      0 (0%)           0 (0%)         30s
      Allocated resources:
        (Total limits may be over 100 percent, i.e., overcommitted.)
        Resource           Requests     Limits
        --------           --------     ------
        cpu                1500m (75%)  1 (50%)
        memory             448Mi (11%)  512Mi (12%)
        ephemeral-storage  0 (0%)       0 (0%)
        hugepages-1Gi      0 (0%)       0 (0%)
        hugepages-2Mi      0 (0%)       0 (0%)
      """

  Scenario: The scheduler and describe node agree on what is left
    Given a cluster with nodes:
      | name   | cpu | memory |
      | node-1 | 2   | 4Gi    |
    When I apply:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: big
      spec:
        containers:
        - name: app
          image: nginx
          resources:
            requests:
              cpu: 1500m
      ---
      apiVersion: v1
      kind: Pod
      metadata:
        name: one-more
      spec:
        containers:
        - name: app
          image: nginx
          resources:
            requests:
              cpu: 600m
      """
    Then within 10 seconds, pod "big" is "Running"
    And for 30 seconds, pod "one-more" is "Pending"
    When I run "kubectl describe node node-1"
    Then the output contains:
      """
        cpu                1500m (75%)  0 (0%)
      """
    When I run "kubectl delete pod big"
    Then within 30 seconds, pod "one-more" is "Running"
    When I run "kubectl describe node node-1"
    Then the output contains:
      """
        cpu                600m (30%)  0 (0%)
      """

  Scenario: A container whose memory grows past its limit is OOM-killed
    Given the images:
      | image             | memory | memory growth | command |
      | example.com/leaky | 20Mi   | 10Mi          | leaky   |
    And a cluster with 1 node
    When I apply:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: leaky
      spec:
        containers:
        - name: app
          image: example.com/leaky
          resources:
            limits:
              memory: 64Mi
      """
    Then within 20 seconds, pod "leaky" is "OOMKilled"
    When I run "kubectl describe pod leaky"
    Then the output contains:
      """
          State:          Terminated
            Reason:       OOMKilled
            Exit Code:    137
      """
    And the output contains:
      """
          Limits:
            memory:  64Mi
          Requests:
            memory:     64Mi
      """
