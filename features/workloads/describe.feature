Feature: kubectl describe for workloads
  `kubectl describe` prints each workload as kubectl v1.32's describers do: the pod template
  block, replica counts, the pods by phase, conditions and events. A Deployment lists its new
  ReplicaSet and the old ones it still owns.

  Scenario: A Deployment after a rolling update, and its new ReplicaSet
    Given a cluster with 2 nodes
    When I apply:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
        labels:
          app: web
      spec:
        replicas: 2
        selector:
          matchLabels:
            app: web
        template:
          metadata:
            labels:
              app: web
          spec:
            containers:
            - name: nginx
              image: nginx:1.26
              ports:
              - containerPort: 80
      """
    Then within 1 minute, 2 pods matching "app=web" are "Running"
    When I run "kubectl set image deployment/web nginx=nginx:1.27"
    Then within 1 minute, 2 pods matching "app=web,pod-template-hash=5dcd77bfdf" are ready
    And within 1 minute, 0 pods matching "app=web,pod-template-hash=b59cbfd44" are "Terminating"
    When I run "kubectl get rs"
    Then the output is:
      """
      NAME             DESIRED   CURRENT   READY   AGE
      web-5dcd77bfdf   2         2         2       8s
      web-b59cbfd44    0         0         0       12s
      """
    When I run "kubectl describe deployment web"
    Then the output is:
      """
      Name:                   web
      Namespace:              default
      CreationTimestamp:      Sat, 01 Mar 2025 09:00:00 +0000
      Labels:                 app=web
      Annotations:            deployment.kubernetes.io/revision: 2
      Selector:               app=web
      Replicas:               2 desired | 2 updated | 2 total | 2 available | 0 unavailable
      StrategyType:           RollingUpdate
      MinReadySeconds:        0
      RollingUpdateStrategy:  25% max unavailable, 25% max surge
      Pod Template:
        Labels:  app=web
        Containers:
         nginx:
          Image:         nginx:1.27
          Port:          80/TCP
          Host Port:     0/TCP
          Environment:   <none>
          Mounts:        <none>
        Volumes:         <none>
        Node-Selectors:  <none>
        Tolerations:     <none>
      Conditions:
        Type           Status  Reason
        ----           ------  ------
        Available      True    MinimumReplicasAvailable
        Progressing    True    NewReplicaSetAvailable
      OldReplicaSets:  web-b59cbfd44 (0/0 replicas created)
      NewReplicaSet:   web-5dcd77bfdf (2/2 replicas created)
      Events:
        Type    Reason             Age   From                   Message
        ----    ------             ----  ----                   -------
        Normal  ScalingReplicaSet  12s   deployment-controller  Scaled up replica set web-b59cbfd44 from 0 to 2
        Normal  ScalingReplicaSet  8s    deployment-controller  Scaled up replica set web-5dcd77bfdf from 0 to 1
        Normal  ScalingReplicaSet  4s    deployment-controller  Scaled down replica set web-b59cbfd44 from 2 to 1
        Normal  ScalingReplicaSet  4s    deployment-controller  Scaled up replica set web-5dcd77bfdf from 1 to 2
        Normal  ScalingReplicaSet  0s    deployment-controller  Scaled down replica set web-b59cbfd44 from 1 to 0
      """
    When I run "kubectl describe rs web-5dcd77bfdf"
    Then the output is:
      """
      Name:           web-5dcd77bfdf
      Namespace:      default
      Selector:       app=web,pod-template-hash=5dcd77bfdf
      Labels:         app=web
                      pod-template-hash=5dcd77bfdf
      Annotations:    deployment.kubernetes.io/desired-replicas: 2
                      deployment.kubernetes.io/max-replicas: 3
                      deployment.kubernetes.io/revision: 2
      Controlled By:  Deployment/web
      Replicas:       2 current / 2 desired
      Pods Status:    2 Running / 0 Waiting / 0 Succeeded / 0 Failed
      Pod Template:
        Labels:  app=web
                 pod-template-hash=5dcd77bfdf
        Containers:
         nginx:
          Image:         nginx:1.27
          Port:          80/TCP
          Host Port:     0/TCP
          Environment:   <none>
          Mounts:        <none>
        Volumes:         <none>
        Node-Selectors:  <none>
        Tolerations:     <none>
      Events:
        Type    Reason            Age   From                   Message
        ----    ------            ----  ----                   -------
        Normal  SuccessfulCreate  8s    replicaset-controller  Created pod: web-5dcd77bfdf-5mhv8
        Normal  SuccessfulCreate  4s    replicaset-controller  Created pod: web-5dcd77bfdf-hmzvd
      """

  Scenario: A DaemonSet and a StatefulSet
    Given a cluster with 2 nodes
    When I apply:
      """
      apiVersion: apps/v1
      kind: DaemonSet
      metadata:
        name: agent
      spec:
        selector:
          matchLabels:
            app: agent
        template:
          metadata:
            labels:
              app: agent
          spec:
            nodeSelector:
              kubernetes.io/os: linux
            containers:
            - name: agent
              image: busybox
              command: ["sleep", "infinity"]
              resources:
                requests:
                  cpu: 50m
                  memory: 32Mi
      ---
      apiVersion: apps/v1
      kind: StatefulSet
      metadata:
        name: db
      spec:
        serviceName: db
        replicas: 2
        selector:
          matchLabels:
            app: db
        template:
          metadata:
            labels:
              app: db
          spec:
            containers:
            - name: postgres
              image: postgres:17
              env:
              - name: POSTGRES_PASSWORD
                value: example
      """
    Then within 1 minute, 2 pods matching "app=agent" are "Running"
    And within 1 minute, 2 pods matching "app=db" are "Running"
    When I run "kubectl describe daemonset agent"
    Then the output is:
      """
      Name:           agent
      Selector:       app=agent
      Node-Selector:  kubernetes.io/os=linux
      Labels:         <none>
      Annotations:    <none>
      Desired Number of Nodes Scheduled: 2
      Current Number of Nodes Scheduled: 2
      Number of Nodes Scheduled with Up-to-date Pods: 2
      Number of Nodes Scheduled with Available Pods: 2
      Number of Nodes Misscheduled: 0
      Pods Status:  2 Running / 0 Waiting / 0 Succeeded / 0 Failed
      Pod Template:
        Labels:  app=agent
        Containers:
         agent:
          Image:      busybox
          Port:       <none>
          Host Port:  <none>
          Command:
            sleep
            infinity
          Requests:
            cpu:         50m
            memory:      32Mi
          Environment:   <none>
          Mounts:        <none>
        Volumes:         <none>
        Node-Selectors:  kubernetes.io/os=linux
        Tolerations:     <none>
      Events:
        Type    Reason            Age   From                  Message
        ----    ------            ----  ----                  -------
        Normal  SuccessfulCreate  17s   daemonset-controller  Created pod: agent-bcvpb
        Normal  SuccessfulCreate  17s   daemonset-controller  Created pod: agent-b5wft
      """
    When I run "kubectl describe statefulset db"
    Then the output is:
      """
      Name:               db
      Namespace:          default
      CreationTimestamp:  Sat, 01 Mar 2025 09:00:00 +0000
      Selector:           app=db
      Labels:             <none>
      Annotations:        <none>
      Replicas:           2 desired | 2 total
      Update Strategy:    RollingUpdate
        Partition:        0
      Pods Status:        2 Running / 0 Waiting / 0 Succeeded / 0 Failed
      Pod Template:
        Labels:  app=db
        Containers:
         postgres:
          Image:      postgres:17
          Port:       <none>
          Host Port:  <none>
          Environment:
            POSTGRES_PASSWORD:  example
          Mounts:               <none>
        Volumes:                <none>
        Node-Selectors:         <none>
        Tolerations:            <none>
      Volume Claims:            <none>
      Events:
        Type    Reason            Age   From                    Message
        ----    ------            ----  ----                    -------
        Normal  SuccessfulCreate  17s   statefulset-controller  create Pod db-0 in StatefulSet db successful
        Normal  SuccessfulCreate  8s    statefulset-controller  create Pod db-1 in StatefulSet db successful
      """

  Scenario: A Job, and a CronJob after its first run
    Given a cluster with 1 node
    When I apply:
      """
      apiVersion: batch/v1
      kind: Job
      metadata:
        name: pi
      spec:
        completions: 3
        parallelism: 2
        template:
          spec:
            restartPolicy: Never
            containers:
            - name: pi
              image: perl:5.34
              command: ["perl", "-Mbignum=bpi", "-wle", "print bpi(2000)"]
      ---
      apiVersion: batch/v1
      kind: CronJob
      metadata:
        name: report
      spec:
        schedule: "*/10 * * * *"
        concurrencyPolicy: Forbid
        jobTemplate:
          spec:
            template:
              spec:
                restartPolicy: OnFailure
                containers:
                - name: report
                  image: busybox
                  args: ["date"]
      """
    Then within 1 minute, 2 pods matching "batch.kubernetes.io/job-name=pi" are "Running"
    When I run "kubectl describe job pi"
    Then the output is:
      """
      Name:             pi
      Namespace:        default
      Selector:         batch.kubernetes.io/controller-uid=a9e8a0ae-0da7-498c-8a9b-64d0012e815f
      Labels:           batch.kubernetes.io/controller-uid=a9e8a0ae-0da7-498c-8a9b-64d0012e815f
                        batch.kubernetes.io/job-name=pi
                        controller-uid=a9e8a0ae-0da7-498c-8a9b-64d0012e815f
                        job-name=pi
      Annotations:      <none>
      Parallelism:      2
      Completions:      3
      Completion Mode:  NonIndexed
      Suspend:          false
      Backoff Limit:    6
      Start Time:       Sat, 01 Mar 2025 09:00:00 +0000
      Pods Statuses:    2 Active (2 Ready) / 0 Succeeded / 0 Failed
      Pod Template:
        Labels:  batch.kubernetes.io/controller-uid=a9e8a0ae-0da7-498c-8a9b-64d0012e815f
                 batch.kubernetes.io/job-name=pi
                 controller-uid=a9e8a0ae-0da7-498c-8a9b-64d0012e815f
                 job-name=pi
        Containers:
         pi:
          Image:      perl:5.34
          Port:       <none>
          Host Port:  <none>
          Command:
            perl
            -Mbignum=bpi
            -wle
            print bpi(2000)
          Environment:   <none>
          Mounts:        <none>
        Volumes:         <none>
        Node-Selectors:  <none>
        Tolerations:     <none>
      Events:
        Type    Reason            Age   From            Message
        ----    ------            ----  ----            -------
        Normal  SuccessfulCreate  10s   job-controller  Created pod: pi-bcvpb
        Normal  SuccessfulCreate  10s   job-controller  Created pod: pi-b5wft
      """
    When 10 minutes pass
    And I run "kubectl describe cronjob report"
    Then the output is:
      """
      Name:                          report
      Namespace:                     default
      Labels:                        <none>
      Annotations:                   <none>
      Schedule:                      */10 * * * *
      Concurrency Policy:            Forbid
      Suspend:                       False
      Successful Job History Limit:  3
      Failed Job History Limit:      1
      Starting Deadline Seconds:     <unset>
      Selector:                      <unset>
      Parallelism:                   <unset>
      Completions:                   <unset>
      Pod Template:
        Labels:  <none>
        Containers:
         report:
          Image:      busybox
          Port:       <none>
          Host Port:  <none>
          Args:
            date
          Environment:     <none>
          Mounts:          <none>
        Volumes:           <none>
        Node-Selectors:    <none>
        Tolerations:       <none>
      Last Schedule Time:  Sat, 01 Mar 2025 09:10:00 +0000
      Active Jobs:         <none>
      Events:
        Type    Reason            Age   From                Message
        ----    ------            ----  ----                -------
        Normal  SuccessfulCreate  10s   cronjob-controller  Created job report-29013670
        Normal  SawCompletedJob   8s    cronjob-controller  Saw completed job: report-29013670, condition: Complete
      """
