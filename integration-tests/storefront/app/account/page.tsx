import LoginForm from "@components/login-form"
import LogoutButton from "@components/logout-button"
import { retrieveCustomer } from "@lib/data/customer"

export default async function AccountPage() {
  const customer = await retrieveCustomer()
  if (!customer) return <LoginForm />
  return (
    <div>
      <h1>Account</h1>
      <p data-testid="customer-email">Signed in as {customer.email}</p>
      <LogoutButton />
    </div>
  )
}
