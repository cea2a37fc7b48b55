import { cartIdOf, cartMerge, isCartId } from "../cart-owner"

const anonymous = (id: string) => ({ id, customer_id: null, has_account: null })
const guest = (id: string) => ({ id, customer_id: `cus_${id}`, has_account: false })
const account = (id: string) => ({ id, customer_id: `cus_${id}`, has_account: true })
const unknownCustomer = (id: string) => ({ id, customer_id: `cus_${id}`, has_account: null })

describe("cart ids", () => {
  it("accepts Medusa's cart ids only, bounded in length", () => {
    expect(isCartId("cart_01JABCDEF0123456789XYZ")).toBe(true)
    expect(isCartId("cart_")).toBe(false)
    expect(isCartId("order_01JABC")).toBe(false)
    expect(isCartId("cart_01 JABC")).toBe(false)
    expect(isCartId(`cart_${"a".repeat(59)}`)).toBe(true)
    expect(isCartId(`cart_${"a".repeat(60)}`)).toBe(false)
    expect(isCartId(42)).toBe(false)
  })

  it("reads the cart from a Medusa event, then from a storefront event's properties", () => {
    expect(cartIdOf({ cart_id: "cart_1", properties: { cart_id: "cart_2" } })).toBe("cart_1")
    expect(cartIdOf({ cart_id: null, properties: { cart_id: "cart_2" } })).toBe("cart_2")
    expect(cartIdOf({ properties: { cart_id: "nope" } })).toBeNull()
    expect(cartIdOf({ properties: {} })).toBeNull()
  })
})

describe("cartMerge", () => {
  it("moves a holder without a customer onto whoever claims the cart", () => {
    expect(cartMerge(anonymous("v"), anonymous("w"))).toEqual({ source_id: "w", target_id: "v" })
    expect(cartMerge(guest("g"), anonymous("w"))).toEqual({ source_id: "w", target_id: "g" })
    expect(cartMerge(account("a"), anonymous("w"))).toEqual({ source_id: "w", target_id: "a" })
  })

  it("moves a visitor naming a guest's cart onto the guest", () => {
    expect(cartMerge(anonymous("v"), guest("g"))).toEqual({ source_id: "v", target_id: "g" })
  })

  it("lets an account take over a guest's cart, never the other way", () => {
    expect(cartMerge(account("a"), guest("g"))).toEqual({ source_id: "g", target_id: "a" })
    expect(cartMerge(unknownCustomer("a"), guest("g"))).toEqual({ source_id: "g", target_id: "a" })
    expect(cartMerge(guest("g"), account("a"))).toBeNull()
  })

  it("never merges into or out of a customer that may have an account on a cart id alone", () => {
    expect(cartMerge(anonymous("v"), account("a"))).toBeNull()
    expect(cartMerge(anonymous("v"), unknownCustomer("a"))).toBeNull()
    expect(cartMerge(account("a"), account("b"))).toBeNull()
    expect(cartMerge(guest("g"), guest("h"))).toBeNull()
    expect(cartMerge(anonymous("v"), anonymous("v"))).toBeNull()
  })
})
