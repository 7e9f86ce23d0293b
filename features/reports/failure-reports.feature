Feature: Failing specs explain themselves in the CI reports
  A run writes reports/junit.xml (one testcase per scenario, with the failure's message and
  details), reports/messages.ndjson (Cucumber messages) and reports/cucumber.html. When a step
  fails, its error says why: the expected-vs-actual diff, the objects involved and their owner
  chain, their recent events, the scheduler's explanation for a pod it could not place, the
  cluster time, and the seed with the command that replays the scenario. The objects' YAML and the
  diff are also attached to the report beside the failed step.

  These scenarios run kubespec itself on src/cli/fixtures/failing.feature, whose first two
  scenarios fail on purpose.

  Scenario: A failing run's reports
    When I run kubespec with "run src/cli/fixtures/failing.feature --seed 3"
    Then kubespec exits with code 1
    And the JUnit report has these testcases:
      | name                                 | status |
      | A deployment whose pods fit no node  | failed |
      | The output is not what the spec says | failed |
      | A passing scenario                   | passed |
    And the output contains "[1/3] ✖ A deployment whose pods fit no node  src/cli/fixtures/failing.feature:2  "
    And the output contains "[3/3] ✔ A passing scenario  src/cli/fixtures/failing.feature:39  "
    And the output contains "kubespec: 2 failed, 1 passed (seed 3)"
    # An unschedulable pod: the objects, owner chain, events, the scheduler's reasons, time and replay
    And the JUnit failure message of "A deployment whose pods fit no node" contains:
      """
      still not true after 1m0s of cluster time (2025-03-01T09:00:00Z to 2025-03-01T09:01:00Z); last seen: 0 of the 1 pods matching "app=web" are Running, not 1 (web-55ff69854d-n7zfw=Pending)

      ── objects ──
      Pod default/web-55ff69854d-n7zfw, ReplicaSet default/web-55ff69854d, Deployment default/web (as YAML in the report's objects.yaml attachment)

      ── owner chain ──
      pod default/web-55ff69854d-n7zfw → replicaset.apps default/web-55ff69854d → deployment.apps default/web

      ── recent events (as kubectl events prints them) ──
      LAST SEEN   TYPE      REASON              OBJECT                      MESSAGE
      60s         Warning   FailedScheduling    Pod/web-55ff69854d-n7zfw    0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.
      60s         Normal    SuccessfulCreate    ReplicaSet/web-55ff69854d   Created pod: web-55ff69854d-n7zfw
      60s         Normal    ScalingReplicaSet   Deployment/web              Scaled up replica set web-55ff69854d from 0 to 1

      ── scheduler ──
      Scheduling of pod default/web-55ff69854d-n7zfw by default-scheduler, attempt 1 at 2025-03-01T09:00:00Z: not scheduled
      Filters skipped (nothing to check): NodeAffinity, NodePorts, PodTopologySpread, InterPodAffinity
      FailedScheduling: 0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.

      NODE           FILTER                                                                                    TOTAL  CHOSEN
      control-plane  TaintToleration: node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }
      node-1         NodeResourcesFit: Insufficient cpu
      node-2         NodeResourcesFit: Insufficient cpu

      ── cluster time ──
      2025-03-01T09:01:00Z (60s after the cluster started)

      ── replay ──
      seed 3: KUBESPEC_SEED=3 npx kubespec run src/cli/fixtures/failing.feature:2
      """
    And the JUnit failure details of "A deployment whose pods fit no node" contain:
      """
      ── replay ──
      seed 3: KUBESPEC_SEED=3 npx kubespec run src/cli/fixtures/failing.feature:2
          at within (
      """
    And the report attaches "objects.yaml" to "A deployment whose pods fit no node", containing:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        namespace: default
        labels:
          app: web
          pod-template-hash: 55ff69854d
        ownerReferences:
          - apiVersion: apps/v1
            kind: ReplicaSet
            name: web-55ff69854d
      """
    And the report attaches "objects.yaml" to "A deployment whose pods fit no node", containing:
      """
      kind: Deployment
      metadata:
        name: web
      """
    And the HTML report contains "pod default/web-55ff69854d-n7zfw → replicaset.apps default/web-55ff69854d → deployment.apps default/web"
    # Wrong output: a unified diff of expected and actual
    And the JUnit failure message of "The output is not what the spec says" contains:
      """
      the output differs (- expected, + actual):
      --- expected
      +++ actual
      @@ -1,2 +1,2 @@
       node/control-plane
      -node/node-7
      +node/node-1
      """
    And the report attaches "expected-vs-actual.diff" to "The output is not what the spec says", containing:
      """
      -node/node-7
      +node/node-1
      """
    And the JUnit failure message of "The output is not what the spec says" contains:
      """
      ── replay ──
      seed 3: KUBESPEC_SEED=3 npx kubespec run src/cli/fixtures/failing.feature:29
      """

  Scenario: The replay command replays the failing scenario alone, with the same result
    The command printed for the first scenario, run as printed, fails the same way, down to the
    pod's name.

    When I run kubespec with "KUBESPEC_SEED=3 npx kubespec run src/cli/fixtures/failing.feature:2"
    Then kubespec exits with code 1
    And the JUnit report has these testcases:
      | name                                | status |
      | A deployment whose pods fit no node | failed |
    And the JUnit failure message of "A deployment whose pods fit no node" contains:
      """
      ── owner chain ──
      pod default/web-55ff69854d-n7zfw → replicaset.apps default/web-55ff69854d → deployment.apps default/web
      """
