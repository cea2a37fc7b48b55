"use strict"
/**
 * The starter email templates for the demo store, installed through the
 * admin API as a store owner would ("Add starter templates" in Marketing →
 * Templates). Installing is idempotent: installed starters are skipped.
 * Demo email goes to Medusa's local notification provider (the server log)
 * unless MMA_SMTP_PORT names an SMTP server (MailHog, for example).
 */
const { request } = require("./scoring")

async function ensureTemplates({ baseUrl, email, password, log }) {
  const { token } = await request(baseUrl, "POST", "/auth/user/emailpass", { email, password })
  const { templates } = await request(baseUrl, "POST", "/admin/marketing/templates/starters", {}, token)
  log(`templates: ${templates.length} starter templates installed (Marketing → Templates)`)
}

module.exports = { ensureTemplates }
