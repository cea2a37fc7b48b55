"use strict"
/**
 * The demo shoppers' mailbox: a real SMTP server on 127.0.0.1 that the demo
 * app sends through (the plugin's SMTP provider, MMA_SMTP_PORT). It keeps each
 * shopper's mail, parsed, with the open pixel and the tracked links found in
 * it, so the simulation can read some of it the way people do: open it a
 * while after it arrived, now and then click through and shop. Those opens,
 * clicks and the orders after them are what the Marketing dashboard shows.
 *
 *   const inbox = await startInbox()
 *   process.env.MMA_SMTP_PORT = String(inbox.port)   // before the app starts
 *   inbox.unread("ana@example.com")  // [{ subject, openUrl, clickUrls, receivedAt }]
 *   await inbox.stop()
 */
const { simpleParser } = require("mailparser")
const { SMTPServer } = require("smtp-server")

const OPEN_PATH = "/marketing/t/o/"
const CLICK_PATH = "/marketing/t/c/"

/** The tracked URLs in a message's HTML: the open pixel and the click redirects, in order. */
function trackedUrls(html) {
  const urls = [...String(html || "").matchAll(/(?:src|href)\s*=\s*"([^"]+)"/gi)].map((m) => m[1].replace(/&amp;/g, "&"))
  return {
    openUrl: urls.find((u) => u.includes(OPEN_PATH)) || null,
    clickUrls: [...new Set(urls.filter((u) => u.includes(CLICK_PATH)))],
  }
}

async function startInbox({ log = () => {} } = {}) {
  const byRecipient = new Map()
  let received = 0
  const server = new SMTPServer({
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      const chunks = []
      stream.on("data", (c) => chunks.push(c))
      stream.on("end", async () => {
        try {
          const parsed = await simpleParser(Buffer.concat(chunks))
          const mail = {
            subject: parsed.subject || "",
            receivedAt: Date.now(),
            read: false,
            ...trackedUrls(parsed.html || ""),
          }
          for (const to of session.envelope.rcptTo) {
            const key = to.address.toLowerCase()
            if (!byRecipient.has(key)) byRecipient.set(key, [])
            byRecipient.get(key).push(mail)
          }
          received++
          callback()
        } catch (e) {
          log(`WARNING: the demo mailbox could not read a message: ${e.message}`)
          callback(e)
        }
      })
    },
  })
  await new Promise((resolve, reject) => {
    server.once("error", reject)
    server.listen(0, "127.0.0.1", resolve)
  })
  return {
    port: server.server.address().port,
    get received() {
      return received
    },
    /** Mail to this address not read yet, oldest first. */
    unread(email) {
      return (byRecipient.get(String(email).toLowerCase()) || []).filter((m) => !m.read)
    },
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  }
}

module.exports = { startInbox, trackedUrls }
