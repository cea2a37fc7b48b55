import { defineConfig, loadEnv } from "@medusajs/framework/utils"
import path from "path"
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { UNTHROTTLED_RATE_LIMITS } = require("../scripts/lib/rate-limits")

// Before the apps read their options from the environment.
loadEnv(process.env.NODE_ENV || "test", process.cwd())

type NotificationProvider = { resolve: string; id: string; options: Record<string, unknown> }

/**
 * The Medusa config the integration test apps share: the suite's database,
 * open CORS, no admin, the Notification Module with the app's providers, and
 * the plugin registered as a store owner registers it (only the resolve path
 * differs: the repository root instead of the package name).
 */
export function testAppConfig({
  notificationProviders,
  pluginOptions,
}: {
  notificationProviders: NotificationProvider[]
  pluginOptions: Record<string, unknown>
}) {
  return defineConfig({
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
        resolve: "@medusajs/medusa/notification",
        options: { providers: notificationProviders },
      },
    ],
    plugins: [
      {
        resolve: path.resolve(__dirname, ".."),
        // Specs send from one address: the limits stay on but far above their load, unless a spec sets its own.
        options: { rateLimits: UNTHROTTLED_RATE_LIMITS, ...pluginOptions },
      },
    ],
  })
}
