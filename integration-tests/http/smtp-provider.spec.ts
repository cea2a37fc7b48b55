import { marketingTestRunner } from "../runner"
import { Modules } from "@medusajs/framework/utils"
import { spawn } from "child_process"
import fs from "fs"
import path from "path"
import { isTransientSmtpError, smtpErrorDetails } from "../../src/providers/smtp/errors"
import { waitFor, rawHeader } from "../helpers"
import { useTestSmtpServer } from "../smtp-server"

jest.setTimeout(180000)

const APP_DIR = path.join(__dirname, "../app-smtp")

/** Accepts mail for everyone except `reject-*` (550, permanent) and `defer-*` (451, transient). */
const received = useTestSmtpServer()

marketingTestRunner({
  cwd: APP_DIR,
  testSuite: ({ getContainer, dbConfig }) => {
    const notifications = () => getContainer().resolve(Modules.NOTIFICATION)

    describe("SMTP notification provider (medusa-marketing-automation/providers/smtp)", () => {
      it("delivers an email sent through the Notification Module, with the marketing headers", async () => {
        const notification = await notifications().createNotifications({
          to: "jane@example.com",
          channel: "email",
          template: "marketing-campaign",
          content: {
            subject: "Spring sale: 20% off ✿",
            html: "<h1>Spring sale</h1><p>Everything 20% off.</p>",
            text: "Spring sale\n\nEverything 20% off.",
          },
          data: {
            message_id: "mmsg_01TEST",
            headers: {
              "List-Unsubscribe": "<https://shop.example.com/marketing/unsubscribe/tok123>",
              "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
              "X-Marketing-Message-Id": "mmsg_01TEST",
              Precedence: "bulk",
            },
          },
        })
        expect(notification.status).toBe("success")
        expect(notification.provider_id).toBe("smtp")
        expect(notification.external_id).toBe("<mmsg_01TEST@example.com>")

        const mail = await waitFor(async () => received.find((r) => r.envelope.to.includes("jane@example.com")))
        expect(mail.auth).toBe("shop")
        expect(mail.envelope.from).toBe("shop@example.com")
        const parsed = mail.parsed
        expect(parsed.subject).toBe("Spring sale: 20% off ✿")
        expect(parsed.from?.value).toEqual([{ address: "shop@example.com", name: "Test Shop" }])
        expect((parsed.to as any).value).toEqual([{ address: "jane@example.com", name: "" }])
        expect((parsed.replyTo as any).value[0].address).toBe("support@example.com")
        expect(parsed.html).toContain("<h1>Spring sale</h1><p>Everything 20% off.</p>")
        expect(parsed.text?.trim()).toBe("Spring sale\n\nEverything 20% off.")
        expect(parsed.messageId).toBe("<mmsg_01TEST@example.com>")
        // The sender's one-click https link, then the store's mailto (listUnsubscribe option).
        expect(rawHeader(mail.raw, "List-Unsubscribe")).toBe(
          "<https://shop.example.com/marketing/unsubscribe/tok123>, <mailto:unsubscribe@example.com>"
        )
        expect(rawHeader(mail.raw, "List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click")
        expect(rawHeader(mail.raw, "X-Marketing-Message-Id")).toBe("mmsg_01TEST")
        expect(rawHeader(mail.raw, "Precedence")).toBe("bulk")
        const list = JSON.stringify(parsed.headers.get("list"))
        expect(list).toContain("https://shop.example.com/marketing/unsubscribe/tok123")
        expect(list).toContain("unsubscribe@example.com")
      })

      it("refuses a header outside the whitelist without sending anything", async () => {
        const before = received.length
        const err: any = await notifications()
          .createNotifications({
            to: "eve@example.com",
            channel: "email",
            template: "x",
            content: { subject: "s", text: "t" },
            data: { headers: { Bcc: "attacker@example.com" } },
          })
          .catch((e: unknown) => e)
        expect(err.message).toContain("(permanent, EHEADER): data.headers.Bcc: header not allowed")
        expect(isTransientSmtpError(err)).toBe(false)
        expect(received.length).toBe(before)
      })

      it("a 550 from the server fails the notification with a permanent error", async () => {
        const err: any = await notifications()
          .createNotifications({
            to: "reject-bob@example.com",
            channel: "email",
            template: "x",
            content: { subject: "s", html: "<p>h</p>", text: "t" },
          })
          .catch((e: unknown) => e)
        expect(err).toBeInstanceOf(Error)
        expect(err.message).toContain("(permanent, SMTP 550)")
        expect(err.message).toContain("Mailbox unavailable")
        expect(smtpErrorDetails(err)).toMatchObject({ transient: false, responseCode: 550 })
        expect(isTransientSmtpError(err)).toBe(false)

        const [stored] = await notifications().listNotifications({ to: "reject-bob@example.com" })
        expect(stored.status).toBe("failure")
      })

      it("a 451 from the server fails the notification with a transient error", async () => {
        const err: any = await notifications()
          .createNotifications({
            to: "defer-carol@example.com",
            channel: "email",
            template: "x",
            content: { subject: "s", text: "t" },
          })
          .catch((e: unknown) => e)
        expect(err.message).toContain("(transient, SMTP 451)")
        expect(smtpErrorDetails(err)).toMatchObject({ transient: true, responseCode: 451 })
        expect(isTransientSmtpError(err)).toBe(true)
      })
    })

    describe("SMTP provider options at app start", () => {
      it("a bad option stops `medusa start` with a message naming it", async () => {
        // `medusa start` resolves the provider from the app folder, as in a store
        // where the package sits in node_modules (git-ignored link to this repository).
        const link = path.join(APP_DIR, "node_modules", "medusa-marketing-automation")
        if (!fs.existsSync(link)) {
          fs.mkdirSync(path.dirname(link), { recursive: true })
          fs.symlinkSync(path.relative(path.dirname(link), path.join(__dirname, "../..")), link, "dir")
        }
        const child = spawn(process.execPath, [require.resolve("@medusajs/cli/cli.js"), "start"], {
          cwd: APP_DIR,
          env: {
            ...process.env,
            NODE_OPTIONS: "",
            NODE_ENV: "test",
            PORT: "0",
            // The suite's migrated database: the only thing wrong is the option.
            DATABASE_URL: dbConfig.clientUrl,
            MMA_SMTP_TEST_OPTIONS: JSON.stringify({ port: "2525" }),
          },
        })
        let output = ""
        child.stdout.on("data", (d) => (output += d))
        child.stderr.on("data", (d) => (output += d))
        const timer = setTimeout(() => child.kill("SIGKILL"), 90000)
        const code = await new Promise<number | null>((resolve) => child.on("exit", (c) => resolve(c)))
        clearTimeout(timer)
        expect(output).toContain("smtp provider: invalid options. options.port: Invalid input: expected number, received string")
        expect(code).not.toBe(0)
      })
    })
  },
})
