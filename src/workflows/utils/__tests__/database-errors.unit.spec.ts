import { isAboutTheData, isDatabaseUnavailable } from "../database-errors"

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

describe("isAboutTheData", () => {
  it("says yes to data exceptions, integrity violations and MedusaErrors about the input, also wrapped", () => {
    expect(isAboutTheData({ code: "22P02", message: "invalid input syntax" })).toBe(true)
    expect(isAboutTheData({ code: "23505", message: "duplicate key" })).toBe(true)
    expect(isAboutTheData({ type: "invalid_data", message: "bad" })).toBe(true)
    expect(isAboutTheData({ message: "step failed", cause: { code: "22001" } })).toBe(true)
  })

  it("says no to connections lost, timeouts, broken transactions and anything unknown", () => {
    expect(isAboutTheData({ code: "ECONNRESET" })).toBe(false)
    expect(isAboutTheData({ name: "KnexTimeoutError", message: "Timeout acquiring a connection" })).toBe(false)
    expect(isAboutTheData({ code: "25P02", message: "current transaction is aborted" })).toBe(false)
    expect(isAboutTheData(new Error("Transaction query already complete"))).toBe(false)
    expect(isAboutTheData(null)).toBe(false)
  })
})
