import { defineConfig, loadEnv } from "@medusajs/framework/utils"
import path from "path"

loadEnv(process.env.NODE_ENV || "test", process.cwd())

// The plugin is registered exactly as a store owner registers it; only the
// resolve path differs (the repository root instead of the package name).
const pluginOptions = process.env.MMA_TEST_PLUGIN_OPTIONS
  ? JSON.parse(process.env.MMA_TEST_PLUGIN_OPTIONS)
  : {}

module.exports = defineConfig({
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL,
    http: {
      jwtSecret: "test-jwt-secret",
      cookieSecret: "test-cookie-secret",
      storeCors: "*",
      adminCors: "*",
      authCors: "*",
    },
  },
  admin: { disable: true },
  modules: [
    {
      // The sales-ready notification goes to the admin feed and by email.
      resolve: "@medusajs/medusa/notification",
      options: {
        providers: [
          {
            resolve: "@medusajs/medusa/notification-local",
            id: "local",
            options: { channels: ["feed", "email"] },
          },
        ],
      },
    },
  ],
  plugins: [
    {
      resolve: path.resolve(__dirname, "../.."),
      options: pluginOptions,
    },
  ],
})
