import fs from "fs"
import path from "path"
import {
  ERASURE_ORDER,
  PRIVACY_TABLES,
  distinctEmails,
  emptyCounts,
  emptyExport,
  newKeys,
  personLockKeys,
} from "../plan"

type DmlEntity = { name: string; schema: Record<string, unknown>; parse(): { tableName: string } }

/** Every DML model the module defines, read from models/ so a new file is picked up. */
function allModels(): DmlEntity[] {
  const dir = path.join(__dirname, "..", "..", "models")
  const models: DmlEntity[] = []
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".ts"))) {
    const exports = require(path.join(dir, file))
    for (const value of Object.values(exports)) {
      const candidate = value as Partial<DmlEntity>
      if (candidate && typeof candidate === "object" && candidate.schema && typeof candidate.parse === "function") {
        models.push(candidate as DmlEntity)
      }
    }
  }
  return models
}

describe("privacy plan", () => {
  const models = allModels()

  it("classifies every table of the module, and no table that does not exist", () => {
    const tables = models.map((m) => m.parse().tableName).sort()
    expect(tables.length).toBeGreaterThan(10)
    expect(Object.keys(PRIVACY_TABLES).sort()).toEqual(tables)
  })

  it("erases or unlinks every table whose rows point at a contact", () => {
    const personal = models
      .filter((m) => "contact_id" in m.schema || "contact" in m.schema || m.parse().tableName === "marketing_contact")
      .map((m) => m.parse().tableName)
    expect(personal).toContain("marketing_message")
    for (const table of personal) {
      expect([table, PRIVACY_TABLES[table as keyof typeof PRIVACY_TABLES]]).not.toEqual([table, "none"])
    }
  })

  it("deletes every erased table once, dependants before the contact and the backlog before the ledger", () => {
    const deleted = Object.entries(PRIVACY_TABLES).filter(([, how]) => how === "delete").map(([t]) => t)
    expect([...ERASURE_ORDER].sort()).toEqual(deleted.sort())
    expect(ERASURE_ORDER[ERASURE_ORDER.length - 1]).toBe("marketing_contact")
    const at = (t: string) => ERASURE_ORDER.indexOf(t as any)
    expect(at("marketing_event")).toBeGreaterThan(at("marketing_score_entry"))
    expect(at("marketing_event")).toBeGreaterThan(at("marketing_scoring_backlog"))
    expect(at("marketing_score_entry")).toBeGreaterThan(at("marketing_scoring_backlog"))
    expect(at("marketing_message")).toBeGreaterThan(at("marketing_consent_record"))
    expect(Object.values(emptyCounts()).every((n) => n === 0)).toBe(true)
  })
})

describe("distinctEmails", () => {
  it("normalises, drops blanks and duplicates, and sorts", () => {
    expect(distinctEmails([" Ada@Example.com", "ada@example.com", null, undefined, "  ", "bob@example.com"])).toEqual([
      "ada@example.com",
      "bob@example.com",
    ])
    expect(distinctEmails([])).toEqual([])
  })
})

describe("personLockKeys", () => {
  it("uses the keys ingestion, stitching, merges and segment evaluation lock, each group in their order", () => {
    const keys = personLockKeys({
      contact_ids: ["mcon_b", "mcon_a"],
      customer_ids: ["cus_1"],
      cart_ids: ["cart_1"],
      anonymous_ids: ["anon-2", "anon-1"],
      emails: ["Ada@Example.com"],
    })
    expect(keys.identities).toEqual([
      "mma:0:mcon_a",
      "mma:0:mcon_b",
      "mma:1:cus_1",
      "mma:3:cart_1",
      "mma:4:anon-1",
      "mma:4:anon-2",
    ])
    expect(keys.emails).toEqual(["mma:2:ada@example.com"])
    expect(keys.contacts).toEqual(["mma:contact:mcon_a", "mma:contact:mcon_b"])
    expect(keys.segment_contacts).toEqual(["mma:segment-contact:mcon_a", "mma:segment-contact:mcon_b"])
  })

  it("finds the keys a person gained while erasure waited", () => {
    expect(newKeys(new Set(["a", "b"]), ["a", "b", "c"])).toEqual(["c"])
    expect(newKeys(new Set(["a"]), ["a"])).toEqual([])
  })
})

describe("emptyExport", () => {
  it("has every section, empty, and no contact", () => {
    const doc = emptyExport(new Date("2026-01-02T03:04:05Z"))
    expect(doc).toEqual({
      exported_at: "2026-01-02T03:04:05.000Z",
      contact: null,
      merged_contacts: [],
      visitors: [],
      events: [],
      score_entries: [],
      stage_changes: [],
      segment_memberships: [],
      messages: [],
      consent_records: [],
      suppressions: [],
      flow_enrollments: [],
      flow_step_runs: [],
      attributions: [],
      predictions: [],
      propensities: [],
      send_times: [],
      import_rows: [],
      sessions: [],
      form_submissions: [],
    })
  })
})
