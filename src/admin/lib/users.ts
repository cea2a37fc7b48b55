/** An admin user as the contact pages show it: "Name (email)", or the email alone. */
export const adminUserLabel = (user: { email: string; first_name?: string | null; last_name?: string | null }) => {
  const name = [user.first_name, user.last_name].filter(Boolean).join(" ")
  return name ? `${name} (${user.email})` : user.email
}
