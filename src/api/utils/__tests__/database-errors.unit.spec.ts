import { isDatabaseUnavailable } from "../database-errors"

describe("isDatabaseUnavailable", () => {
  it("knows lost connections by code, name or message, also when wrapped", () => {
    expect(isDatabaseUnavailable(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }))).toBe(true)
    expect(isDatabaseUnavailable(Object.assign(new Error("the database system is starting up"), { code: "57P03" }))).toBe(true)
    expect(isDatabaseUnavailable({ name: "KnexTimeoutError", message: "Knex: Timeout acquiring a connection." })).toBe(true)
    expect(isDatabaseUnavailable(new Error("COMMIT; - Connection terminated unexpectedly"))).toBe(true)
    expect(isDatabaseUnavailable(Object.assign(new Error("step failed"), { cause: { code: "08006" } }))).toBe(true)
  })

  it("leaves query errors alone, the protocol violation a NUL causes included", () => {
    expect(isDatabaseUnavailable(Object.assign(new Error("invalid message format"), { code: "08P01" }))).toBe(false)
    expect(isDatabaseUnavailable(Object.assign(new Error("duplicate key value"), { code: "23505" }))).toBe(false)
    expect(isDatabaseUnavailable(null)).toBe(false)
    expect(isDatabaseUnavailable("ECONNREFUSED")).toBe(false)
  })
})
