Feature: Scenarios declare their own images
  Besides the images every simulated registry has (nginx, busybox, redis, …), a scenario can say
  what its own images do: with a table for the simple cases, or with a YAML catalogue file for the
  full format (the one kubespec's default images use). Pull and start times, ports, logs, memory
  and exit behaviour are all data.

  Scenario: An image declared in a table
    Given a cluster with 1 node
    And the images:
      | image              | pull | logs                   | listens   | http                     | exits after | exit code |
      | example.com/api:1.0 | 5s   | api starting\napi up   | 8080/http | /=200 hello from the api |             |           |
      | example.com/migrate | 2s   | migrating\ndone        |           |                          | 3s          | 0         |
      | example.com/broken  | 1s   | panic: nil map         |           |                          | 1s          | 2         |
    When I run "kubectl run api --image=example.com/api:1.0"
    And I run "kubectl run migrate --image=example.com/migrate --restart=Never"
    And I run "kubectl run broken --image=example.com/broken --restart=Never"
    Then within 30 seconds, pod "api" is "Running"
    And within 30 seconds, pod "migrate" is "Completed"
    And within 30 seconds, pod "broken" is "Error"
    When I run "kubectl logs api"
    Then the output is:
      """
      api starting
      api up
      """
    When I run "kubectl run client --image=busybox --restart=Never -- wget -qO- http://10.244.1.2:8080/"
    Then within 10 seconds, pod "client" is "Completed"
    When I run "kubectl logs client"
    Then the output is:
      """
      hello from the api
      """
    When I run "kubectl describe pod broken"
    Then the output contains:
      """
          State:          Terminated
            Reason:       Error
            Exit Code:    2
      """

  Scenario: An image that is not in the registry cannot be pulled
    Given a cluster with 1 node
    When I run "kubectl run api --image=example.com/api:1.0"
    Then within 5 seconds, pod "api" is "ErrImagePull"
    When I run "kubectl describe pod api"
    Then the output contains "Failed to pull image \"example.com/api:1.0\": rpc error: code = NotFound desc = failed to pull and unpack image \"example.com/api:1.0\": failed to resolve reference \"example.com/api:1.0\": example.com/api:1.0: not found"

  Scenario: Two versions of an image from a YAML catalogue
    Given the image catalogue "images/shop.yaml"
    And a cluster with 1 node
    When I run "kubectl run shop --image=example.com/shop:1.0"
    And 15 seconds pass
    And I run "kubectl logs shop --timestamps"
    Then the output is:
      """
      2025-03-01T09:00:05.5Z shop 1.0 starting
      2025-03-01T09:00:05.5Z warning: no cache configured
      2025-03-01T09:00:10.5Z shop is ready on :8080
      """
    When I run "kubectl run shop2 --image=example.com/shop:2.0"
    Then within 30 seconds, pod "shop2" is "CrashLoopBackOff"
    When I run "kubectl logs shop2"
    Then the output is:
      """
      shop 2.0 starting
      fatal: DATABASE_URL is not set
      """
    When I run "kubectl run shop3 --image=example.com/shop:3.0"
    Then within 5 seconds, pod "shop3" is "ErrImagePull"

  Scenario: Redis and Postgres as their images really behave
    Given a cluster with 1 node
    When I apply:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: db
      spec:
        containers:
        - name: postgres
          image: postgres:17
          readinessProbe:
            exec:
              command: ["pg_isready", "-U", "postgres"]
            periodSeconds: 5
      """
    Then within 30 seconds, pod "db" is "CrashLoopBackOff"
    When I run "kubectl logs db --tail 3"
    Then the output is:
      """

             See PostgreSQL documentation about "trust":
             https://www.postgresql.org/docs/current/auth-trust.html
      """
    When I run "kubectl delete pod db"
    And I apply:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: db
      spec:
        containers:
        - name: postgres
          image: postgres:17
          env:
          - name: POSTGRES_PASSWORD
            value: example
          readinessProbe:
            exec:
              command: ["pg_isready", "-U", "postgres"]
            periodSeconds: 5
      """
    Then within 30 seconds, pod "db" is ready
    When I run "kubectl exec db -- pg_isready -U postgres"
    Then the output is:
      """
      /var/run/postgresql:5432 - accepting connections
      """
