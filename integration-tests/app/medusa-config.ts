import { testAppConfig } from "../app-config"

const pluginOptions = process.env.MMA_TEST_PLUGIN_OPTIONS
  ? JSON.parse(process.env.MMA_TEST_PLUGIN_OPTIONS)
  : {}

module.exports = testAppConfig({
  // The sales-ready notification goes to the admin feed and by email.
  notificationProviders: [
    {
      resolve: "@medusajs/medusa/notification-local",
      id: "local",
      options: { channels: ["feed", "email"] },
    },
  ],
  pluginOptions,
})
