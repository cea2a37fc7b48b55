import { parseMarketingOptions } from "../../../options"

describe("flows.webhooks.allowPrivateAddresses", () => {
  it("is off by default", () => {
    expect(parseMarketingOptions({}).flows.webhooks).toEqual({ allowPrivateAddresses: false })
  })
  it("can be turned on", () => {
    expect(parseMarketingOptions({ flows: { webhooks: { allowPrivateAddresses: true } } }).flows.webhooks.allowPrivateAddresses).toBe(true)
  })
  it("names a bad value and an unknown key", () => {
    expect(() => parseMarketingOptions({ flows: { webhooks: { allowPrivateAddresses: "yes" } } })).toThrow(
      "options.flows.webhooks.allowPrivateAddresses"
    )
    expect(() => parseMarketingOptions({ flows: { webhook: {} } })).toThrow("options.flows")
  })
})
