import { testAppConfig } from "../app-config"

// A store that sends its email through the plugin's SMTP provider, registered
// exactly as a store owner registers it (by package name; the package's
// `exports` map `./providers/*` to the built provider). The test starts a real
// SMTP server and passes its port; MMA_SMTP_TEST_OPTIONS overrides options.
const smtpOverrides = process.env.MMA_SMTP_TEST_OPTIONS ? JSON.parse(process.env.MMA_SMTP_TEST_OPTIONS) : {}

module.exports = testAppConfig({
  notificationProviders: [
    {
      resolve: "@medusajs/medusa/notification-local",
      id: "local",
      options: { channels: ["feed"] },
    },
    {
      resolve: "medusa-marketing-automation/providers/smtp",
      id: "smtp",
      options: {
        channels: ["email"],
        from: "Test Shop <shop@example.com>",
        replyTo: "support@example.com",
        host: "127.0.0.1",
        port: Number(process.env.MMA_SMTP_TEST_PORT || 2525),
        secure: false,
        auth: { user: "shop", pass: "secret" },
        tls: { rejectUnauthorized: false },
        connectionTimeout: 5000,
        greetingTimeout: 5000,
        socketTimeout: 10000,
        listUnsubscribe: "unsubscribe@example.com",
        ...smtpOverrides,
      },
    },
  ],
  // The email tests pass a SendGrid verification key and their own options; the flow tests their flow options.
  pluginOptions: {
    email: process.env.MMA_EMAIL_TEST_OPTIONS ? JSON.parse(process.env.MMA_EMAIL_TEST_OPTIONS) : {},
    // The flow tests place quiet hours relative to the time they run; the flow-actions spec lets webhooks reach loopback.
    ...(process.env.MMA_FLOWS_TEST_OPTIONS ? { flows: JSON.parse(process.env.MMA_FLOWS_TEST_OPTIONS) } : {}),
  },
})
