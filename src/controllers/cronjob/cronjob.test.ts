import assert from "node:assert/strict";
import { test } from "node:test";
import type { ResourceType } from "../../api/kinds.ts";
import { clusterWithWorkers } from "../../cluster/ClusterSpec.ts";
import { SimulatedCluster } from "../../cluster/SimulatedCluster.ts";
import {
  type CronJob,
  jobName,
  mostRecentScheduleTime,
  nextScheduleDelay,
  scheduledTimestamp,
} from "./CronJobController.ts";
import { CronSchedule } from "./CronSchedule.ts";
import { parseGoDuration } from "./goDuration.ts";

const at = (iso: string) => Date.parse(iso);
const iso = (millis: number | undefined) => (millis === undefined ? "never" : new Date(millis).toISOString());

test("schedules parse as robfig/cron's ParseStandard, with its errors", () => {
  const errors = (spec: string) => {
    try {
      CronSchedule.parse(spec);
      return "ok";
    } catch (error) {
      return (error as Error).message;
    }
  };
  assert.equal(errors(""), "empty spec string");
  assert.equal(errors("* * * *"), "expected exactly 5 fields, found 4: [* * * *]");
  assert.equal(errors("0 0 0 * * *"), "expected exactly 5 fields, found 6: [0 0 0 * * *]");
  assert.equal(errors("60 * * * *"), "end of range (60) above maximum (59): 60");
  assert.equal(errors("* * 0 * *"), "beginning of range (0) below minimum (1): 0");
  assert.equal(errors("* * * * 7"), "end of range (7) above maximum (6): 7");
  assert.equal(errors("5-1 * * * *"), "beginning of range (5) beyond end of range (1): 5-1");
  assert.equal(errors("1-2-3 * * * *"), "too many hyphens: 1-2-3");
  assert.equal(errors("*/2/3 * * * *"), "too many slashes: */2/3");
  assert.equal(errors("*/0 * * * *"), "step of range should be a positive number: */0");
  assert.equal(errors("x * * * *"), 'failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax');
  assert.equal(errors("-1 * * * *"), 'failed to parse int from : strconv.Atoi: parsing "": invalid syntax');
  assert.equal(errors("@fortnightly"), "unrecognized descriptor: @fortnightly");
  assert.equal(
    errors("@every 1d"),
    'failed to parse duration @every 1d: time: unknown unit "d" in duration "1d"',
  );
  assert.equal(
    errors("CRON_TZ=Mars/Olympus * * * * *"),
    "provided bad location Mars/Olympus: unknown time zone Mars/Olympus",
  );
  for (const ok of [
    "*/15 9-17 * * MON-FRI",
    "0 0 1 jan,jul *",
    "? * * * ?",
    "@weekly",
    "@every 1h30m",
    "TZ=UTC 0 * * * *",
  ])
    assert.equal(errors(ok), "ok", ok);
});

test("next times follow robfig's rules", () => {
  const from = at("2025-03-01T09:01:30Z"); // a Saturday
  const next = (spec: string, zone?: string) => iso(CronSchedule.parse(spec, zone).next(from));
  assert.equal(next("*/5 * * * *"), "2025-03-01T09:05:00.000Z");
  assert.equal(next("0 * * * *"), "2025-03-01T10:00:00.000Z");
  assert.equal(next("@daily"), "2025-03-02T00:00:00.000Z");
  assert.equal(next("@every 90s"), "2025-03-01T09:03:00.000Z");
  // Both day fields restricted: either may match (March 1st is a Saturday, not a Monday).
  assert.equal(next("0 12 1 * MON"), "2025-03-01T12:00:00.000Z");
  // A bare * in one day field: the other must match.
  assert.equal(next("0 12 * * MON"), "2025-03-03T12:00:00.000Z");
  // */2 is not a star: day-of-month 1,3,5… or Monday.
  assert.equal(next("0 8 */2 * 1"), "2025-03-03T08:00:00.000Z");
  assert.equal(next("0 9 * * *", "Asia/Seoul"), "2025-03-02T00:00:00.000Z");
  assert.equal(next("CRON_TZ=America/New_York 0 9 * * *"), "2025-03-01T14:00:00.000Z");
  assert.equal(next("0 0 30 2 *"), "never");
});

test("the most recent due time, missed runs and the next wake-up", () => {
  const cj = (status: Record<string, string> = {}, deadline?: number) =>
    ({
      apiVersion: "batch/v1",
      kind: "CronJob",
      metadata: { name: "c", creationTimestamp: "2025-03-01T09:00:00Z" },
      spec: {
        schedule: "*/5 * * * *",
        ...(deadline === undefined ? {} : { startingDeadlineSeconds: deadline }),
      },
      status,
    }) as unknown as CronJob;
  const every5 = CronSchedule.parse("*/5 * * * *");
  assert.equal(mostRecentScheduleTime(cj(), at("2025-03-01T09:04:00Z"), every5, true).mostRecent, undefined);
  const due = mostRecentScheduleTime(cj(), at("2025-03-01T09:05:00.100Z"), every5, true);
  assert.equal(iso(due.mostRecent), "2025-03-01T09:05:00.000Z");
  assert.equal(due.missed, "none");
  const late = mostRecentScheduleTime(cj(), at("2025-03-01T09:31:00Z"), every5, true);
  assert.equal(iso(late.mostRecent), "2025-03-01T09:30:00.000Z");
  assert.equal(late.missed, "few");
  const decades = mostRecentScheduleTime(cj(), at("2025-03-02T09:00:00Z"), every5, true);
  assert.equal(decades.missed, "many");
  // startingDeadlineSeconds moves the earliest time up to now - deadline.
  assert.equal(
    mostRecentScheduleTime(cj({}, 60), at("2025-03-01T09:31:00Z"), every5, true).earliest,
    at("2025-03-01T09:30:00Z"),
  );
  // Wake up 100 ms after the next activation.
  assert.equal(nextScheduleDelay(cj(), at("2025-03-01T09:00:00Z"), every5), 5 * 60_000 + 100);
  assert.equal(
    nextScheduleDelay(
      cj({ lastScheduleTime: "2025-03-01T09:05:00Z" }),
      at("2025-03-01T09:05:00.100Z"),
      every5,
    ),
    5 * 60_000,
  );
  const never = CronSchedule.parse("0 0 30 2 *");
  assert.equal(nextScheduleDelay(cj(), at("2025-03-01T09:00:00Z"), never), undefined);
});

test("job names count minutes since the epoch; the scheduled time keeps the zone", () => {
  assert.equal(jobName("hello", at("2025-03-01T09:05:00Z")), "hello-29013665");
  assert.equal(scheduledTimestamp(at("2025-03-01T09:05:00Z"), undefined), "2025-03-01T09:05:00Z");
  assert.equal(scheduledTimestamp(at("2025-03-01T09:30:00Z"), "Asia/Seoul"), "2025-03-01T18:30:00+09:00");
  assert.equal(
    scheduledTimestamp(at("2025-07-01T13:00:00Z"), "America/New_York"),
    "2025-07-01T09:00:00-04:00",
  );
});

test("Go durations", () => {
  assert.equal(parseGoDuration("1h30m"), 5_400_000);
  assert.equal(parseGoDuration("1.5s"), 1500);
  assert.equal(parseGoDuration("-2m"), -120_000);
  assert.equal(parseGoDuration("0"), 0);
  assert.throws(() => parseGoDuration("5"), /time: missing unit in duration "5"/);
  assert.throws(() => parseGoDuration(""), /time: invalid duration ""/);
  assert.throws(() => parseGoDuration("abc"), /time: invalid duration "abc"/);
});

test("finished Jobs beyond the history limits are deleted, oldest first", () => {
  const cluster = SimulatedCluster.create(clusterWithWorkers(1));
  const run = (line: string, stdin = "") => cluster.kubectlSync(line, stdin);
  assert.equal(
    run(
      "kubectl apply -f -",
      'apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: tick\nspec:\n  schedule: \'* * * * *\'\n  successfulJobsHistoryLimit: 1\n  failedJobsHistoryLimit: 0\n  jobTemplate:\n    spec:\n      backoffLimit: 0\n      template:\n        spec:\n          restartPolicy: Never\n          containers:\n          - name: c\n            image: busybox\n            command: ["sh", "-c", "exit 0"]\n',
    ).exitCode,
    0,
  );
  cluster.loop.advance(60_000 + 10_000); // tick-29013661 at 09:01 succeeds
  cluster.loop.advance(60_000); // tick-29013662 at 09:02 succeeds
  // From now on the job's container fails.
  const cronjobs = cluster.kinds.forResourceName("cronjobs") as ResourceType;
  const failing = { name: "c", image: "busybox", command: ["sh", "-c", "exit 1"] };
  cluster.apiserver.patch("test", cronjobs, "default", "tick", "merge", {
    spec: { jobTemplate: { spec: { template: { spec: { containers: [failing] } } } } },
  });
  cluster.loop.advance(60_000); // tick-29013663 at 09:03 fails
  cluster.loop.advance(5_000);
  const jobs = run("kubectl get jobs -o name").stdout;
  assert.deepEqual(jobs.trim().split("\n"), ["job.batch/tick-29013662"]);
  const cj = JSON.parse(run("kubectl get cronjob tick -o json").stdout);
  assert.equal(cj.status.lastScheduleTime, "2025-03-01T09:03:00Z");
  assert.equal(cj.status.lastSuccessfulTime !== undefined, true);
  assert.equal(cj.status.active, undefined);
  // cleanupFinishedJobs runs before syncCronJob: a job deleted for the limit is never "seen completed".
  const events = run("kubectl get events --field-selector involvedObject.kind=CronJob").stdout;
  const reasons = events
    .trim()
    .split("\n")
    .slice(1)
    .map((line) => line.split(/ {2,}/).slice(2).join(" | "));
  assert.deepEqual(reasons, [
    "SuccessfulCreate | cronjob/tick | Created job tick-29013661",
    "SawCompletedJob | cronjob/tick | Saw completed job: tick-29013661, condition: Complete",
    "SuccessfulCreate | cronjob/tick | Created job tick-29013662",
    "SuccessfulDelete | cronjob/tick | Deleted job tick-29013661",
    "SawCompletedJob | cronjob/tick | Saw completed job: tick-29013662, condition: Complete",
    "SuccessfulCreate | cronjob/tick | Created job tick-29013663",
    "SuccessfulDelete | cronjob/tick | Deleted job tick-29013663",
  ]);
});

test("a suspended CronJob starts nothing; a new schedule takes effect at once", () => {
  const cluster = SimulatedCluster.create(clusterWithWorkers(1));
  const run = (line: string, stdin = "") => cluster.kubectlSync(line, stdin);
  run(
    "kubectl apply -f -",
    "apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: s\nspec:\n  schedule: '0 0 * * *'\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: Never\n          containers:\n          - name: c\n            image: busybox\n",
  );
  cluster.loop.advance(2 * 60_000);
  assert.equal(run("kubectl get jobs -o name").stdout, "");
  const cronjobs = cluster.kinds.forResourceName("cronjobs") as ResourceType;
  cluster.apiserver.patch("test", cronjobs, "default", "s", "merge", { spec: { schedule: "*/1 * * * *" } });
  cluster.loop.advance(60_000);
  assert.equal(run("kubectl get jobs -o name").stdout, "", "the 09:03 run starts 100 ms after 09:03");
  cluster.loop.advance(1_000);
  assert.deepEqual(run("kubectl get jobs -o name").stdout.trim().split("\n"), ["job.batch/s-29013663"]);
  cluster.apiserver.patch("test", cronjobs, "default", "s", "merge", { spec: { suspend: true } });
  cluster.loop.advance(5 * 60_000);
  assert.deepEqual(run("kubectl get jobs -o name").stdout.trim().split("\n"), ["job.batch/s-29013663"]);
});
