import EmailForm from "@components/email-form"
import { retrieveCart } from "@lib/data/cart"

export default async function CheckoutPage(props: { searchParams: Promise<{ step?: string }> }) {
  const { step } = await props.searchParams
  const cart = await retrieveCart()
  if (!cart) return <h1>No cart</h1>
  return (
    <div>
      <h1>Checkout</h1>
      {step === "delivery" ? <p data-testid="checkout-email">Delivery for {cart.email}</p> : <EmailForm />}
    </div>
  )
}
