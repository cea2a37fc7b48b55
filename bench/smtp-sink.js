"use strict"
/**
 * An SMTP server on loopback that accepts every message and counts it (by
 * its X-Marketing-Message-Id, so duplicates show), for the email benchmark.
 */
const { SMTPServer } = require("smtp-server")

async function startSink() {
  let count = 0
  let last = 0n
  let duplicates = 0
  let sample = null
  const seen = new Set()
  const server = new SMTPServer({
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    size: 5 * 1024 * 1024,
    onData(stream, _session, callback) {
      const chunks = []
      stream.on("data", (chunk) => chunks.push(chunk))
      stream.on("end", () => {
        const raw = Buffer.concat(chunks)
        const id = /X-Marketing-Message-Id:\s*(\S+)/i.exec(raw.subarray(0, 8192).toString("utf8"))?.[1]
        if (id) {
          if (seen.has(id)) duplicates++
          seen.add(id)
        }
        if (!sample) sample = raw
        count++
        last = process.hrtime.bigint()
        callback()
      })
    },
  })
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve))
  return {
    port: server.server.address().port,
    count: () => count,
    lastAt: () => last,
    duplicates: () => duplicates,
    sample: () => sample,
    close: () => new Promise((resolve) => server.close(resolve)),
  }
}

module.exports = { startSink }
