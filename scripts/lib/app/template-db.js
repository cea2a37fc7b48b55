"use strict"
/**
 * A migrated database for an app build, fast: the first time, migrations (and
 * the admin user) run as usual and the result is kept as a template database;
 * afterwards each new database is a copy of it (`CREATE DATABASE … TEMPLATE`,
 * a second or two instead of about a minute of `medusa db:migrate` and
 * `medusa user`). The template is named after the app folder and its build
 * stamp, so a new plugin build (new migrations) or app config makes a new one,
 * and the older templates of that folder are dropped then.
 */
const crypto = require("crypto")
const fs = require("fs")
const path = require("path")
const { progress } = require("./common")
const { migrate, createAdminUser } = require("./build")

function templatePrefix(dir) {
  return `mma_tpl_${path.basename(path.resolve(dir)).replace(/[^a-z0-9]/gi, "_").toLowerCase().slice(0, 24)}_`
}

/**
 * Drops `database` and makes it again, migrated for the app in `dir` (which
 * must be prepared with that database and built), with `adminUser` when given.
 * @param {object} p
 * @param {object} p.db         a handle from ensurePostgres()
 * @param {string} p.dir        the app folder
 * @param {string} p.database   the database the app's .env names
 * @param {{ email: string, password: string }} [p.adminUser]
 * @returns {Promise<{ cloned: boolean }>}
 */
async function migratedDatabase({ db, dir, database, adminUser }) {
  let stamp = ""
  try {
    stamp = fs.readFileSync(path.join(path.resolve(dir), ".mma-build-stamp"), "utf8").trim()
  } catch (e) {
    /* not built through buildApp: no template */
  }
  const key = crypto.createHash("sha256").update(`${stamp}\n${adminUser ? adminUser.email : ""}`).digest("hex").slice(0, 16)
  const template = `${templatePrefix(dir)}${key}`
  await db.dropDatabase(database)
  if (stamp && (await db.databaseExists(template))) {
    await db.cloneDatabase(template, database)
    progress(`database ${database}: a copy of ${template} (migrated with this build)`)
    return { cloned: true }
  }
  await db.createDatabase(database)
  await migrate(dir)
  if (adminUser) await createAdminUser(dir, adminUser.email, adminUser.password)
  if (stamp) {
    // A checkout run beside others (MMA_TEST_DB_SUFFIX) leaves theirs: they may be in use.
    if (!process.env.MMA_TEST_DB_SUFFIX) await db.dropDatabasesLike(templatePrefix(dir), template)
    await db.cloneDatabase(database, template)
    progress(`kept ${template} as the template for this build's next databases`)
  }
  return { cloned: false }
}

module.exports = { migratedDatabase }
