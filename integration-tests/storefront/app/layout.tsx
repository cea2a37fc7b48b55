import type { Metadata } from "next"
import Link from "next/link"
import Script from "next/script"
import { cookies } from "next/headers"
import ConsentBanner from "@components/consent-banner"
import NewsletterForm from "@components/newsletter-form"

export const metadata: Metadata = { title: "Test storefront" }

export default async function RootLayout(props: { children: React.ReactNode }) {
  // The consent choice the tracker remembered, read on the server: the banner shows only until answered,
  // and the tracker starts with it (it also reads the cookie itself).
  const consent = (await cookies()).get("_mma_consent")?.value
  return (
    <html lang="en" data-mode="light">
      <body>
        <nav>
          <Link href="/">Home</Link> · <Link href="/cart">Cart</Link> · <Link href="/account">Account</Link>
        </nav>
        <main className="relative">{props.children}</main>
        <footer>
          <NewsletterForm />
        </footer>
        {consent === "granted" || consent === "denied" ? null : <ConsentBanner />}
        <Script
          src="/marketing-tracker.js"
          strategy="afterInteractive"
          data-backend-url={process.env.MEDUSA_BACKEND_URL}
          data-publishable-key={process.env.MEDUSA_PUBLISHABLE_KEY}
          data-consent={consent ?? "unknown"}
          data-require-consent="true"
        />
      </body>
    </html>
  )
}
