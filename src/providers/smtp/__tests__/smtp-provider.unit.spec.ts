import { moduleProviderLoader } from "@medusajs/framework/modules-sdk"
import { createMedusaContainer } from "@medusajs/framework/utils"
import smtpProvider, { SmtpNotificationService } from "../index"
import { isTransientSmtpError, smtpErrorDetails, toSmtpSendError } from "../errors"
import { sanitizeHeaders, withDefaultListUnsubscribe } from "../headers"
import { parseSmtpOptions, toTransportOptions } from "../options"

const base = { channels: ["email"], from: "Shop <shop@example.com>", host: "smtp.example.com", port: 587 }

describe("SMTP provider options", () => {
  it("accepts host/port/auth and the optional settings", () => {
    // Handed to Nodemailer as they are.
    const passedThrough = {
      pool: true,
      maxConnections: 3,
      connectionTimeout: 5000,
      greetingTimeout: 5000,
      socketTimeout: 20000,
      tls: { rejectUnauthorized: false },
    }
    const options = parseSmtpOptions({
      ...base,
      secure: false,
      auth: { user: "u", pass: "p" },
      ...passedThrough,
      replyTo: "support@example.com",
      listUnsubscribe: "unsubscribe@example.com",
    })
    expect(toTransportOptions(options)).toEqual({
      host: "smtp.example.com",
      port: 587,
      secure: false,
      auth: { user: "u", pass: "p" },
      ...passedThrough,
    })
  })

  it("takes an smtp:// or smtps:// URL instead of host and port", () => {
    const { host: _h, port: _p, ...rest } = base
    expect(toTransportOptions(parseSmtpOptions({ ...rest, url: "smtps://me%40x.com:p%3Ass@mail.x.com" }))).toEqual({
      host: "mail.x.com",
      port: 465,
      secure: true,
      auth: { user: "me@x.com", pass: "p:ss" },
    })
    expect(toTransportOptions(parseSmtpOptions({ ...rest, url: "smtp://mail.x.com:2525" }))).toMatchObject({
      host: "mail.x.com",
      port: 2525,
      secure: false,
    })
  })

  it.each([
    [{ ...base, port: "587" }, "options.port: Invalid input: expected number, received string"],
    [{ ...base, from: undefined }, "options.from: Invalid input: expected string, received undefined"],
    [{ ...base, from: "not an address" }, "options.from: Expected one email address"],
    [{ ...base, from: "a@x.com, b@x.com" }, "options.from: Expected one email address"],
    [{ ...base, auth: { user: "u" } }, "options.auth.pass: Invalid input: expected string, received undefined"],
    [{ ...base, tls: { rejectUnauthorized: "no" } }, "options.tls.rejectUnauthorized: Invalid input: expected boolean"],
    [{ ...base, prot: 25 }, 'options.(root): Unrecognized key: "prot"'],
    [{ from: base.from }, "options.host: Required: set host (with port) or url"],
    [{ ...base, url: "http://mail.x.com" }, "options.url: Expected an smtp:// or smtps:// URL"],
    [{ ...base, url: "smtp://mail.x.com" }, "options.url: Set either url or host, not both"],
    [{ ...base, listUnsubscribe: "<x>" }, "options.listUnsubscribe: Expected an email address or a mailto: URI"],
  ])("rejects %j naming the option", (options, message) => {
    expect(() => SmtpNotificationService.validateOptions(options)).toThrow(`smtp provider: invalid options. ${message}`)
  })

  it("stops Medusa's module provider loader with that message", async () => {
    const container = createMedusaContainer()
    const registered: string[] = []
    await expect(
      moduleProviderLoader({
        container,
        providers: [{ resolve: smtpProvider as any, id: "smtp", options: { ...base, port: "587" } }],
        registerServiceFn: async (klass) => {
          registered.push(klass.name)
        },
      })
    ).rejects.toThrow("smtp provider: invalid options. options.port: Invalid input: expected number, received string")
    expect(registered).toEqual([])

    await moduleProviderLoader({
      container,
      providers: [{ resolve: smtpProvider as any, id: "smtp", options: base }],
      registerServiceFn: async (klass) => {
        registered.push(klass.name)
      },
    })
    expect(registered).toEqual(["SmtpNotificationService"])
  })
})

describe("SMTP provider headers", () => {
  it("passes the whitelisted headers with their canonical names", () => {
    expect(
      sanitizeHeaders({
        "list-unsubscribe": "<https://shop.example.com/u/abc>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "x-marketing-message-id": "msg_1",
        Precedence: "bulk",
        "X-Entity-Ref-ID": "abc",
      })
    ).toEqual({
      "List-Unsubscribe": "<https://shop.example.com/u/abc>",
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
      "X-Marketing-Message-Id": "msg_1",
      Precedence: "bulk",
      "X-Entity-Ref-ID": "abc",
    })
    expect(sanitizeHeaders(undefined)).toEqual({})
  })

  it.each([
    [{ Bcc: "attacker@example.com" }, "data.headers.Bcc: header not allowed"],
    [{ "Content-Type": "text/plain" }, "data.headers.Content-Type: header not allowed"],
    [{ "List-Unsubscribe": "<https://x>\r\nBcc: a@b.c" }, "CR, LF and NUL are not allowed"],
    [{ Precedence: "bulk\n" }, "CR, LF and NUL are not allowed"],
    [{ Precedence: { a: 1 } }, "data.headers.Precedence: expected a string"],
    [{ precedence: "bulk", Precedence: "list" }, "given twice"],
    [["x"], "data.headers must be an object"],
  ])("refuses %j", (headers, message) => {
    expect(() => sanitizeHeaders(headers)).toThrow(message)
  })

  it("adds the store's mailto List-Unsubscribe, after the sender's https link", () => {
    expect(withDefaultListUnsubscribe({}, "unsubscribe@shop.com")).toEqual({
      "List-Unsubscribe": "<mailto:unsubscribe@shop.com>",
    })
    expect(
      withDefaultListUnsubscribe({ "List-Unsubscribe": "<https://shop.com/u/1>" }, "mailto:u@shop.com?subject=stop")
    ).toEqual({ "List-Unsubscribe": "<https://shop.com/u/1>, <mailto:u@shop.com?subject=stop>" })
    const own = { "List-Unsubscribe": "<mailto:other@shop.com>" }
    expect(withDefaultListUnsubscribe(own, "u@shop.com")).toEqual(own)
    expect(withDefaultListUnsubscribe(own, undefined)).toEqual(own)
  })
})

describe("SMTP error classification", () => {
  const smtpError = (responseCode: number | undefined, code: string, message = "x") =>
    Object.assign(new Error(message), { responseCode, code, response: responseCode ? `${responseCode} ${message}` : undefined })

  it.each([
    [smtpError(421, "EENVELOPE", "service not available"), true, 421],
    [smtpError(450, "EENVELOPE", "mailbox busy"), true, 450],
    [smtpError(451, "EENVELOPE", "try again later"), true, 451],
    [smtpError(452, "EMESSAGE", "insufficient storage"), true, 452],
    [smtpError(550, "EENVELOPE", "mailbox unavailable"), false, 550],
    [smtpError(553, "EENVELOPE", "mailbox name not allowed"), false, 553],
    [smtpError(554, "EMESSAGE", "transaction failed"), false, 554],
    [smtpError(535, "EAUTH", "bad credentials"), false, 535],
  ])("classifies SMTP replies: %s", (err, transient, responseCode) => {
    expect(isTransientSmtpError(err)).toBe(transient)
    const wrapped = toSmtpSendError(err)
    expect(wrapped.transient).toBe(transient)
    expect(wrapped.responseCode).toBe(responseCode)
    expect(wrapped.message).toContain(`SMTP ${responseCode}`)
  })

  it.each(["ECONNECTION", "ETIMEDOUT", "ESOCKET", "ECONNREFUSED", "ECONNRESET", "EDNS"])(
    "treats connection failure %s as transient",
    (code) => {
      expect(isTransientSmtpError(smtpError(undefined, code))).toBe(true)
    }
  )

  it("reads the errno from a wrapped socket error, and treats unknown errors as permanent", () => {
    expect(isTransientSmtpError(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "EXYZ" }))).toBe(true)
    expect(isTransientSmtpError(new Error("boom"))).toBe(false)
    expect(isTransientSmtpError(undefined)).toBe(false)
  })

  it("survives the Notification Module re-wrapping the error in a new one with only the message", () => {
    const original = toSmtpSendError(smtpError(451, "EENVELOPE", "greylisted"))
    const rewrapped = new Error(`Failed to send notification with id noti_1:\n${original.message}`)
    expect(isTransientSmtpError(rewrapped)).toBe(true)
    expect(smtpErrorDetails(rewrapped)).toEqual({ transient: true, responseCode: 451, code: undefined })
    const permanent = new Error(`Failed to send notification with id noti_2:\n${toSmtpSendError(smtpError(550, "EENVELOPE")).message}`)
    expect(smtpErrorDetails(permanent)).toMatchObject({ transient: false, responseCode: 550 })
    const socket = new Error(`Failed:\n${toSmtpSendError(smtpError(undefined, "ECONNECTION")).message}`)
    expect(smtpErrorDetails(socket)).toEqual({ transient: true, responseCode: undefined, code: "ECONNECTION" })
  })
})

describe("SmtpNotificationService.send (JSON transport, no network)", () => {
  const service = new SmtpNotificationService({}, { from: "Shop <shop@example.com>", jsonTransport: true, listUnsubscribe: "u@example.com" })

  it("builds the message from content and data, with a Message-ID from data.message_id", async () => {
    const result = await service.send({
      to: "jane@example.com",
      channel: "email",
      template: "t",
      content: { subject: "Hi", html: "<p>Hi</p>", text: "Hi" },
      data: { message_id: "msg_123", headers: { "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" } },
    })
    expect(result).toEqual({ id: "<msg_123@example.com>" })
  })

  it.each([
    [{ to: "a@x.com, b@x.com" }, "(permanent, EADDRESS)"],
    [{ data: { headers: { Bcc: "x@y.z" } } }, "(permanent, EHEADER): data.headers.Bcc: header not allowed"],
    [{ data: { message_id: "a b\r\n" } }, "(permanent, EHEADER): data.message_id"],
    [{ content: {} }, "(permanent, EMESSAGE)"],
  ])("refuses %j as a permanent error", async (override, message) => {
    const err: any = await service
      .send({ to: "jane@example.com", channel: "email", template: "t", content: { subject: "s", text: "t" }, ...override } as any)
      .catch((e) => e)
    expect(err.message).toContain(message)
    expect(err.transient).toBe(false)
    expect(isTransientSmtpError(err)).toBe(false)
  })
})

describe("SmtpNotificationService.send against a closed port", () => {
  it("fails with a transient connection error", async () => {
    const net = await import("net")
    // Take a free port, then close it so nothing listens there.
    const probe = net.createServer()
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", () => resolve()))
    const port = (probe.address() as { port: number }).port
    await new Promise<void>((resolve) => probe.close(() => resolve()))

    const service = new SmtpNotificationService({}, { from: "shop@example.com", host: "127.0.0.1", port, connectionTimeout: 2000 })
    const err: any = await service
      .send({ to: "jane@example.com", channel: "email", template: "t", content: { subject: "s", text: "t" } })
      .catch((e) => e)
    expect(err.transient).toBe(true)
    expect(err.message).toMatch(/^smtp provider: send failed \(transient, E[A-Z]+\): .*ECONNREFUSED/)
    expect(isTransientSmtpError(new Error(`Failed to send notification with id noti_1:\n${err.message}`))).toBe(true)
    service.close()
  })
})
