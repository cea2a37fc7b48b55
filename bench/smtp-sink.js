"use strict"
/**
 * An SMTP server on loopback that accepts every message and counts it (by
 * its X-Marketing-Message-Id, so duplicates show), for the email benchmark
 * and the several-instances test.
 *
 * `startSink({ refuse: 0.1 })` answers "451 try again later" to that share
 * of deliveries (every tenth, after the whole message was sent), as a busy
 * receiving server does; refused deliveries are not counted as received.
 */
const { SMTPServer } = require("smtp-server")

/**
 * @param {{ refuse?: number }} [options] share of deliveries (0 to 1) refused with a 451
 */
async function startSink({ refuse = 0 } = {}) {
  let count = 0
  let last = 0n
  let duplicates = 0
  let sample = null
  let offered = 0
  let refused = 0
  const seen = new Set()
  // Message id → deliveries accepted, with the Message-ID header and the recipients of each.
  const accepted = new Map()
  const server = new SMTPServer({
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    size: 5 * 1024 * 1024,
    onData(stream, session, callback) {
      const chunks = []
      stream.on("data", (chunk) => chunks.push(chunk))
      stream.on("end", () => {
        offered++
        // Exactly `refuse` of all deliveries, spread evenly: the n-th is refused when n × refuse crosses an integer.
        if (refuse > 0 && Math.floor(offered * refuse) > Math.floor((offered - 1) * refuse)) {
          refused++
          const error = new Error("Try again later (the sink refuses this delivery on purpose)")
          error.responseCode = 451
          return callback(error)
        }
        const raw = Buffer.concat(chunks)
        const head = raw.subarray(0, 8192).toString("utf8")
        const id = /X-Marketing-Message-Id:\s*(\S+)/i.exec(head)?.[1]
        if (id) {
          if (seen.has(id)) duplicates++
          seen.add(id)
          const entry = accepted.get(id) ?? []
          entry.push({
            messageId: /^Message-ID:\s*(\S+)/im.exec(head)?.[1] ?? null,
            to: session.envelope.rcptTo.map((r) => r.address),
          })
          accepted.set(id, entry)
        }
        if (!sample) sample = raw
        count++
        last = process.hrtime.bigint()
        callback()
      })
    },
  })
  // A client that dies mid-exchange (the several-instances test SIGKILLs one) resets its
  // connection; smtp-server reports that as an "error" event, which must not throw.
  let connectionErrors = 0
  server.on("error", () => connectionErrors++)
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve))
  return {
    port: server.server.address().port,
    count: () => count,
    lastAt: () => last,
    duplicates: () => duplicates,
    sample: () => sample,
    /** Deliveries refused with a 451. */
    refused: () => refused,
    /** Connections that ended in an error (a reset by a killed client). */
    connectionErrors: () => connectionErrors,
    /** Message id → each accepted delivery's Message-ID header and recipients. */
    accepted: () => accepted,
    close: () => new Promise((resolve) => server.close(resolve)),
  }
}

module.exports = { startSink }
