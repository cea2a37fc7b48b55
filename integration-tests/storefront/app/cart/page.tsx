import Link from "next/link"
import { retrieveCart } from "@lib/data/cart"

export default async function CartPage() {
  const cart = await retrieveCart()
  const items = cart?.items ?? []
  return (
    <div>
      <h1>Cart</h1>
      <p data-testid="cart-count">{items.reduce((n: number, i: any) => n + Number(i.quantity), 0)} item(s)</p>
      {items.length ? <Link href="/checkout">Go to checkout</Link> : null}
    </div>
  )
}
