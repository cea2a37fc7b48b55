import { AddressInfo } from "net"
import { ParsedMail, simpleParser } from "mailparser"
import { SMTPServer } from "smtp-server"

export type ReceivedMail = { envelope: { from: string; to: string[] }; raw: Buffer; auth?: string; parsed: ParsedMail }

/**
 * A real SMTP server on 127.0.0.1 for the app that sends through the plugin's
 * SMTP provider (integration-tests/app-smtp, which logs in as shop/secret and
 * reads the port from MMA_SMTP_TEST_PORT). It accepts mail for everyone except
 * `reject-*` (550, permanent), `defer-*` (451, transient) and `flaky-*` (451
 * on the first attempt, then accepted).
 *
 * Registers beforeAll/afterAll: call it before marketingTestRunner, so
 * the port is set when the app boots. Returns the mail received, in order.
 * `authOptional`: also accept mail without logging in (the browser specs' app
 * sends without credentials).
 */
export function useTestSmtpServer(opts: { authOptional?: boolean } = {}): ReceivedMail[] {
  const received: ReceivedMail[] = []
  const deferredOnce = new Set<string>()
  const server = new SMTPServer({
    disabledCommands: ["STARTTLS"],
    allowInsecureAuth: true,
    authOptional: opts.authOptional ?? false,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === "shop" && auth.password === "secret") return callback(null, { user: auth.username })
      return callback(new Error("Invalid username or password"))
    },
    onRcptTo(address, _session, callback) {
      const fail = (message: string, responseCode: number) =>
        callback(Object.assign(new Error(message), { responseCode }))
      if (address.address.startsWith("reject-")) return fail("5.1.1 Mailbox unavailable", 550)
      if (address.address.startsWith("defer-")) return fail("4.7.1 Greylisted, try again later", 451)
      if (address.address.startsWith("flaky-") && !deferredOnce.has(address.address)) {
        deferredOnce.add(address.address)
        return fail("4.7.1 Greylisted, try again later", 451)
      }
      callback()
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on("data", (chunk: Buffer) => chunks.push(chunk))
      stream.on("end", async () => {
        const raw = Buffer.concat(chunks)
        received.push({
          envelope: {
            from: (session.envelope.mailFrom as any)?.address,
            to: session.envelope.rcptTo.map((r) => r.address),
          },
          raw,
          auth: session.user as string | undefined,
          parsed: await simpleParser(raw),
        })
        callback()
      })
    },
  })

  // A connection reset by the app (a restart, a killed worker) is an "error" event; unhandled, it would throw.
  server.on("error", () => {})

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()))
    process.env.MMA_SMTP_TEST_PORT = String((server.server.address() as AddressInfo).port)
  })
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()))
  })
  return received
}
