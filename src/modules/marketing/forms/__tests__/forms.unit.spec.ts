import { checkSubmission } from "../submission"
import { formStats } from "../stats"
import { hiddenFormIds } from "../visibility"
import { toPublicForm, type StoredForm } from "../types"

const variant = (id: "a" | "b", weight: number) => ({
  id,
  weight,
  content: { title: "Join", text: "", button: "Sign up", success_message: "Thanks", redirect_url: null },
  branding: { background: "#fff", text_color: "#111", accent_color: "#111", font_family: "inherit", border_radius: 8 },
})

const form: StoredForm = {
  id: "mform_1",
  name: "Newsletter",
  status: "active",
  kind: "popup",
  position: "center",
  fields: [
    { name: "email", label: "Email", required: true },
    { name: "first_name", label: "First name", required: false },
    { name: "phone", label: "Phone", required: false },
    { name: "custom.plan", label: "Plan", required: true },
  ],
  consent: { required: true, text: "Email me offers", topics: ["newsletter", "offers"] },
  hidden_fields: ["utm_source", "page"],
  variants: [variant("a", 50), variant("b", 50)],
  incentive: null,
  targeting: { include_pages: [], exclude_pages: [], visitors: "all", devices: [], countries: [], segment_ids: ["mseg_1"], exclude_segment_ids: [] },
  triggers: { delay_seconds: 5, scroll_percent: null, exit_intent: false, page_count: null },
  frequency: { days_after_close: 7 },
  created_at: "2026-01-01T00:00:00Z",
  updated_at: "2026-01-01T00:00:00Z",
}

const body = (over: Partial<Parameters<typeof checkSubmission>[1]> = {}) => ({
  anonymous_id: "anon-12345678",
  variant: "a",
  values: { email: " Jane@Example.COM ", "custom.plan": "pro" },
  consent: { given: true, topics: ["newsletter"] },
  hidden: { utm_source: "ig" },
  ...over,
})

describe("checkSubmission", () => {
  it("normalises the email, splits custom fields into metadata and opts out of the topics not ticked", () => {
    const result = checkSubmission(form, body())
    expect(result).toEqual({
      ok: true,
      submission: {
        email: "jane@example.com",
        profile: {},
        metadata: { plan: "pro" },
        values: { email: "jane@example.com", "custom.plan": "pro" },
        consent_given: true,
        topics: ["newsletter"],
        opted_out: ["offers"],
        hidden: { utm_source: "ig" },
      },
    })
  })

  it("gives every topic when consent is given without topic boxes", () => {
    const result = checkSubmission(form, body({ consent: { given: true, topics: [] } }))
    expect(result.ok && result.submission.topics).toEqual(["newsletter", "offers"])
    expect(result.ok && result.submission.opted_out).toEqual([])
  })

  it("names each bad part: consent missing, unknown field, required field, bad phone, unknown topic, undeclared hidden field, variant", () => {
    const result = checkSubmission(
      form,
      body({
        variant: "c",
        values: { email: "a@b.co", nickname: "x", phone: "call me" },
        consent: { given: false, topics: ["sms"] },
        hidden: { utm_term: "shoes" },
      })
    )
    expect(result.ok).toBe(false)
    expect(!result.ok && result.problems.map((p) => p.field)).toEqual([
      "variant",
      "values.nickname",
      "values.phone",
      "values.custom.plan",
      "consent.given",
      "consent.topics[0]",
      "hidden.utm_term",
    ])
  })

  it("accepts no consent when the form does not require it, and records no topics then", () => {
    const result = checkSubmission({ ...form, consent: { ...form.consent, required: false } }, body({ consent: { given: false, topics: [] } }))
    expect(result.ok && [result.submission.consent_given, result.submission.topics, result.submission.opted_out]).toEqual([false, [], []])
  })
})

describe("formStats", () => {
  it("lists every variant with its submit rate, zeros for one without counts", () => {
    const stats = formStats(["a", "b"], [{ id: "a", views: 10, closes: 2, submissions: 3 }])
    expect(stats.variants).toEqual([
      { id: "a", views: 10, closes: 2, submissions: 3, submit_rate: 0.3 },
      { id: "b", views: 0, closes: 0, submissions: 0, submit_rate: null },
    ])
    expect([stats.views, stats.submissions, stats.submit_rate, stats.winner, stats.ab_reason]).toEqual([10, 3, 0.3, null, "below_min_sample"])
  })

  it("names the winner when the difference is significant, and none when it is not", () => {
    const clear = formStats(["a", "b"], [
      { id: "a", views: 1000, closes: 0, submissions: 50 },
      { id: "b", views: 1000, closes: 0, submissions: 120 },
    ])
    expect(clear.winner?.id).toBe("b")
    expect(clear.winner!.p_value).toBeLessThan(0.05)
    const close = formStats(["a", "b"], [
      { id: "a", views: 1000, closes: 0, submissions: 50 },
      { id: "b", views: 1000, closes: 0, submissions: 55 },
    ])
    expect([close.winner, close.ab_reason]).toEqual([null, "not_significant"])
    expect(formStats(["a"], [{ id: "a", views: 5000, closes: 0, submissions: 50 }]).ab_reason).toBe("single_variant")
  })
})

describe("hiddenFormIds", () => {
  const other = { id: "mform_2", targeting: { ...form.targeting, segment_ids: [], exclude_segment_ids: ["mseg_9"] } }
  const visitor = { contact_id: "mcon_1", email_marketing_consent: "unknown", country_code: "fr", segment_ids: ["mseg_1"] }
  it("hides every form from a subscribed contact, pending or granted", () => {
    expect(hiddenFormIds([form, other], { ...visitor, email_marketing_consent: "granted" })).toEqual(["mform_1", "mform_2"])
    expect(hiddenFormIds([form, other], { ...visitor, email_marketing_consent: "pending" })).toEqual(["mform_1", "mform_2"])
  })
  it("applies segment targeting and exclusion; an unknown visitor is in no segment", () => {
    expect(hiddenFormIds([form, other], visitor)).toEqual([])
    expect(hiddenFormIds([form, other], { ...visitor, segment_ids: ["mseg_9"] })).toEqual(["mform_1", "mform_2"])
    expect(hiddenFormIds([form, other], { contact_id: null, email_marketing_consent: null, country_code: null, segment_ids: [] })).toEqual(["mform_1"])
  })
})

describe("toPublicForm", () => {
  it("tells the tracker what the server hides from a visitor it does not know: the members-only forms", () => {
    const unknown = { contact_id: null, email_marketing_consent: null, country_code: null, segment_ids: [] }
    const excluding = { ...form, id: "mform_2", targeting: { ...form.targeting, segment_ids: [], exclude_segment_ids: ["mseg_9"] } }
    const open = { ...form, id: "mform_3", targeting: { ...form.targeting, segment_ids: [], exclude_segment_ids: [] } }
    const all = [form, excluding, open]
    const local = all.map((f) => toPublicForm(f, new Map())).filter((f) => f.targeting.members_only).map((f) => f.id)
    expect(local).toEqual(hiddenFormIds(all, unknown))
    expect(local).toEqual(["mform_1"])
  })

  it("leaves out the segment ids and the incentive's discount, and labels the topics", () => {
    const pub = toPublicForm(
      { ...form, incentive: { discount: { kind: "percentage", value: 10, expires_in_days: 30 }, delivery: "show" } },
      new Map([["newsletter", "Newsletter"]])
    )
    expect(pub.targeting).toEqual({ include_pages: [], exclude_pages: [], visitors: "all", devices: [], countries: [], segments: true, members_only: true })
    expect(pub.incentive).toEqual({ delivery: "show" })
    expect(pub.consent.topics).toEqual([{ id: "newsletter", label: "Newsletter" }, { id: "offers", label: "offers" }])
    expect(JSON.stringify(pub)).not.toContain("mseg_1")
    expect(Object.keys(pub)).not.toContain("name")
  })
})
