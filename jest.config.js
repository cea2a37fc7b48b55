// Three projects: fast unit tests of pure logic, integration tests that boot
// the real Medusa app with the plugin, and browser tests in headless Chromium.
const transform = {
  "^.+\\.[jt]sx?$": [
    "@swc/jest",
    {
      jsc: {
        parser: { syntax: "typescript", decorators: true, tsx: true },
        transform: { decoratorMetadata: true, legacyDecorator: true },
        target: "es2021",
      },
    },
  ],
}

const common = {
  transform,
  testEnvironment: "node",
  moduleFileExtensions: ["js", "ts", "tsx", "json"],
  // Built apps (demo, browser tests, benchmarks) copy package.json files around
  modulePathIgnorePatterns: [
    "<rootDir>/.medusa/",
    "<rootDir>/dist/",
    "<rootDir>/.demo/",
    "<rootDir>/integration-tests/.browser-app",
    "<rootDir>/integration-tests/.instances-app/",
    "<rootDir>/bench/.app/",
    "<rootDir>/integration-tests/storefront/.next/",
    "<rootDir>/integration-tests/storefront/node_modules/",
  ],
}

module.exports = {
  projects: [
    {
      ...common,
      displayName: "unit",
      testMatch: ["<rootDir>/src/**/__tests__/**/*.unit.spec.[jt]s", "<rootDir>/tracker/__tests__/**/*.unit.spec.[jt]s"],
    },
    {
      ...common,
      displayName: "integration",
      testMatch: ["<rootDir>/integration-tests/http/**/*.spec.[jt]s"],
      setupFiles: ["<rootDir>/integration-tests/setup.js"],
    },
    {
      ...common,
      displayName: "browser",
      testMatch: ["<rootDir>/integration-tests/browser/**/*.spec.[jt]s", "<rootDir>/tracker/__tests__/**/*.browser.spec.[jt]s"],
    },
  ],
}
