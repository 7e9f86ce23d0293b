Feature: A CronJob creates Jobs on its schedule
  The CronJob controller wakes up 100 ms after each time the schedule (cron syntax, in UTC unless
  spec.timeZone says otherwise) fires, creates a Job named <cronjob>-<scheduled time in minutes
  since the epoch>, lists it in status.active and sets status.lastScheduleTime. With
  concurrencyPolicy Allow the runs may overlap, Forbid skips a run while one is active, and
  Replace deletes the active Job first. (The containers here never finish, so every Job stays
  active.)

  Background:
    Given a cluster with 1 node

  Scenario: Allow: a Job every five minutes, overlapping
    When I apply:
      """
      apiVersion: batch/v1
      kind: CronJob
      metadata:
        name: hello
      spec:
        schedule: "*/5 * * * *"
        jobTemplate:
          spec:
            template:
              spec:
                restartPolicy: OnFailure
                containers:
                - name: hello
                  image: busybox
                  command: ["sleep", "infinity"]
      """
    When 5 minutes pass
    Then "kubectl get cronjobs" prints:
      """
      NAME    SCHEDULE      TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE
      hello   */5 * * * *   <none>     False     0        <none>          5m
      """
    And within 1 second, "kubectl get cronjobs" prints:
      """
      NAME    SCHEDULE      TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE
      hello   */5 * * * *   <none>     False     1        0s              5m
      """
    When I run "kubectl get jobs"
    Then the output is:
      """
      NAME             STATUS    COMPLETIONS   DURATION   AGE
      hello-29013665   Running   0/1           0s         0s
      """
    When 5 minutes pass
    And I run "kubectl get jobs"
    Then the output is:
      """
      NAME             STATUS    COMPLETIONS   DURATION   AGE
      hello-29013665   Running   0/1           5m         5m
      hello-29013670   Running   0/1           0s         0s
      """
    When I run "kubectl get cronjob hello -o yaml"
    Then the output contains:
      """
        lastScheduleTime: "2025-03-01T09:10:00Z"
      """
    When I run "kubectl get job hello-29013665 -o yaml"
    Then the output contains:
      """
        annotations:
          batch.kubernetes.io/cronjob-scheduled-timestamp: "2025-03-01T09:05:00Z"
      """
    And the output contains:
      """
        ownerReferences:
        - apiVersion: batch/v1
          blockOwnerDeletion: true
          controller: true
          kind: CronJob
          name: hello
      """

  Scenario: Forbid skips a run while the previous one is active
    When I apply:
      """
      apiVersion: batch/v1
      kind: CronJob
      metadata:
        name: backup
      spec:
        schedule: "0 * * * *"
        concurrencyPolicy: Forbid
        jobTemplate:
          spec:
            template:
              spec:
                restartPolicy: Never
                containers:
                - name: backup
                  image: busybox
                  command: ["sleep", "infinity"]
      """
    When 121 minutes pass
    And I run "kubectl get jobs"
    Then the output is:
      """
      NAME              STATUS    COMPLETIONS   DURATION   AGE
      backup-29013720   Running   0/1           61m        61m
      """
    When I run "kubectl get events --field-selector involvedObject.kind=CronJob"
    Then the output is:
      """
      LAST SEEN   TYPE     REASON             OBJECT           MESSAGE
      61m         Normal   SuccessfulCreate   cronjob/backup   Created job backup-29013720
      60s         Normal   JobAlreadyActive   cronjob/backup   Not starting job because prior execution is running and concurrency policy is Forbid
      """

  Scenario: Replace deletes the active Job before starting the next
    When I apply:
      """
      apiVersion: batch/v1
      kind: CronJob
      metadata:
        name: sync
      spec:
        schedule: "@hourly"
        concurrencyPolicy: Replace
        jobTemplate:
          spec:
            template:
              spec:
                restartPolicy: Never
                containers:
                - name: sync
                  image: busybox
                  command: ["sleep", "infinity"]
      """
    When 121 minutes pass
    And I run "kubectl get jobs"
    Then the output is:
      """
      NAME            STATUS    COMPLETIONS   DURATION   AGE
      sync-29013780   Running   0/1           60s        60s
      """
    When I run "kubectl get events --field-selector involvedObject.kind=CronJob"
    Then the output is:
      """
      LAST SEEN   TYPE     REASON             OBJECT         MESSAGE
      61m         Normal   SuccessfulCreate   cronjob/sync   Created job sync-29013720
      60s         Normal   SuccessfulDelete   cronjob/sync   Deleted job sync-29013720
      60s         Normal   SuccessfulCreate   cronjob/sync   Created job sync-29013780
      """

  Scenario: A schedule in a time zone, and a suspended CronJob
    When I apply:
      """
      apiVersion: batch/v1
      kind: CronJob
      metadata:
        name: evening
      spec:
        schedule: "30 18 * * *"
        timeZone: Asia/Seoul
        jobTemplate:
          spec:
            template:
              spec:
                restartPolicy: Never
                containers:
                - name: report
                  image: busybox
                  command: ["sleep", "infinity"]
      ---
      apiVersion: batch/v1
      kind: CronJob
      metadata:
        name: paused
      spec:
        schedule: "*/1 * * * *"
        suspend: true
        jobTemplate:
          spec:
            template:
              spec:
                restartPolicy: Never
                containers:
                - name: report
                  image: busybox
      """
    When 31 minutes pass
    And I run "kubectl get cronjobs"
    Then the output is:
      """
      NAME      SCHEDULE      TIMEZONE     SUSPEND   ACTIVE   LAST SCHEDULE   AGE
      evening   30 18 * * *   Asia/Seoul   False     1        60s             31m
      paused    */1 * * * *   <none>       True      0        <none>          31m
      """
    When I run "kubectl get job evening-29013690 -o yaml"
    Then the output contains "batch.kubernetes.io/cronjob-scheduled-timestamp: \"2025-03-01T18:30:00+09:00\""

  Scenario: A schedule the controller cannot parse is refused
    When I run:
      """
      kubectl apply -f -
      apiVersion: batch/v1
      kind: CronJob
      metadata:
        name: broken
      spec:
        schedule: "*/5 * * *"
        jobTemplate:
          spec:
            template:
              spec:
                restartPolicy: Never
                containers:
                - name: broken
                  image: busybox
      """
    Then the command fails with:
      """
      The CronJob "broken" is invalid: spec.schedule: Invalid value: "*/5 * * *": expected exactly 5 fields, found 4: [*/5 * * *]
      """
