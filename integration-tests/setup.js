// Integration suites boot the real Medusa app. scripts/test.js exports the
// database coordinates (a local Postgres or an embedded one) before Jest runs.
process.env.DB_HOST = process.env.DB_HOST || "localhost"
process.env.DB_PORT = process.env.DB_PORT || "5432"
process.env.DB_USERNAME = process.env.DB_USERNAME || "postgres"
process.env.DB_PASSWORD = process.env.DB_PASSWORD || ""
process.env.NODE_ENV = "test"
process.env.LOG_LEVEL = process.env.LOG_LEVEL || "error"
