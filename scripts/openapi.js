#!/usr/bin/env node
"use strict"
/**
 * `npm run openapi`: writes openapi.json, the API reference of every route,
 * from the routes' zod schemas (src/api/reference.ts). A unit test fails when
 * the committed file differs from what the code says, so a route and its
 * reference change in the same commit.
 */
const fs = require("fs")
const path = require("path")

require("ts-node").register({
  transpileOnly: true,
  compilerOptions: { module: "commonjs", esModuleInterop: true },
})

const root = path.resolve(__dirname, "..")
const { openApiDocument } = require(path.join(root, "src/api/utils/openapi-document"))
const target = path.join(root, "openapi.json")
fs.writeFileSync(target, JSON.stringify(openApiDocument("all"), null, 2) + "\n")
const paths = Object.values(openApiDocument("all").paths)
const operations = paths.reduce((n, item) => n + Object.keys(item).length, 0)
process.stdout.write(`openapi.json: ${operations} operations on ${paths.length} paths\n`)
