/**
 * Several Medusa instances against one Postgres and the real Redis (issue
 * #14's multi-instance guarantee), as a store runs in production: the app is
 * built once and started with `medusa start` three times: one server-mode
 * instance serves the admin API, two worker-mode instances run the scheduled
 * jobs (flow runner, email dispatcher) through Medusa's Redis event bus,
 * workflow engine, locking and cache. A segment of contacts is enrolled into
 * a two-email flow (email, wait, email); the SMTP sink refuses every tenth
 * delivery with a 451; one worker is SIGKILLed while the flow runs.
 *
 * Afterwards: every enrollment completed, every email reached the sink (none
 * lost), and none arrived twice, except, by SMTP's nature, one whose exchange
 * the kill cut off after the sink had taken it: its attempt was never
 * answered, so it is sent again after `email.inFlightSeconds`, with the same
 * Message-ID. The test finds those in the database (notifications left
 * `pending`) and allows a duplicate only for them.
 *
 * FLOWS_INSTANCES_ENROLLMENTS sets the number of enrollments (default below);
 * `node bench/flows-instances.js` runs the same scenario and writes its figures to bench/results/.
 */
import { spawnSync } from "child_process"
import path from "path"

// The scenario itself (app, instances, sink, kill, checks) is shared with bench/flows-instances.js.
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { runInstancesScenario } = require("../../scripts/lib/flows-instances")

// 1,000 here: the 5,000 take 4 to 5 minutes of both cores, which the rest of the suite shares;
// `node bench/flows-instances.js` runs those.
const ENROLLMENTS = Number(process.env.FLOWS_INSTANCES_ENROLLMENTS || 1000)

// Decided before the suite is declared, so it can be skipped: Redis on 127.0.0.1:6379, started when down.
const redis = JSON.parse(
  spawnSync(process.execPath, [path.join(__dirname, "..", "..", "scripts", "lib", "redis.js")], { encoding: "utf8" }).stdout || "{}"
)
if (!redis.ok) {
  // eslint-disable-next-line no-console
  console.log(`flows-instances.spec: skipped: ${redis.reason ?? "could not check Redis"}`)
}

const suite = redis.ok ? describe : describe.skip

suite("two worker instances, one Postgres, the real Redis", () => {
  it(
    `take ${ENROLLMENTS} enrollments through a two-email flow, one SIGKILLed midway, 10% of deliveries refused`,
    async () => {
      const report = await runInstancesScenario({ enrollments: ENROLLMENTS, redisUrl: redis.url, log: (m: string) => console.log(m) })
      const { counts, duplicates, inFlightAtKill, unexplained, lost, sink } = report

      // Every enrollment finished, through both steps, each step run once.
      expect(counts.enrollments).toEqual({ total: ENROLLMENTS, completed: ENROLLMENTS })
      expect(counts.repeatedStepRuns).toBe(0)
      // Every email is recorded as sent, and the sink took each one (to its contact's address).
      expect(counts.messages).toEqual({ total: 2 * ENROLLMENTS, sent: 2 * ENROLLMENTS })
      expect(lost).toEqual([])
      expect(counts.wrongRecipient).toBe(0)
      // The sink refused about a tenth of the deliveries, and those were retried.
      expect(sink.refused).toBeGreaterThan(0)
      expect(counts.retried).toBeGreaterThanOrEqual(sink.refused)
      // No email twice, but for one whose SMTP exchange the kill cut off (never answered, so sent again).
      expect(unexplained).toEqual([])
      expect(duplicates.length).toBeLessThanOrEqual(inFlightAtKill.length)
      // A repeat carries the same Message-ID, so the receiving side can tell it is the same email.
      expect(report.repeatsWithNewMessageId).toEqual([])
      // The kill happened while the flow ran, on an instance that was working.
      expect(report.killedAt.sent).toBeLessThan(2 * ENROLLMENTS)
    },
    60 * 60 * 1000
  )
})

