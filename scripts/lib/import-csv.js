"use strict"
/**
 * A generated newsletter export for the contact import: the spec
 * (integration-tests/http/contact-imports.spec.ts) imports a small one, the
 * bench (bench/imports.js) the sizes. `rows` data rows, every 50th
 * repeating the address of the row before (another case, another city), every
 * 100th with a malformed address and every 333rd with an impossible birth date;
 * consent granted on every third address, withdrawn on the next, unstated otherwise.
 */
const HEADER = ["Email", "First name", "Last name", "Country", "City", "Birthday", "Company", "Job title", "Tags", "Opt-in", "Opt-in date", "Plan"]
const MAPPING = {
  columns: {
    email: "Email", first_name: "First name", last_name: "Last name", country_code: "Country", city: "City", birth_date: "Birthday",
    company: "Company", job_title: "Job title", tags: "Tags", email_consent: "Opt-in", email_consent_date: "Opt-in date",
  },
  custom_fields: { Plan: "plan" },
  consent_source: "Newsletter signup form (old shop)",
  tag_separator: ";",
}
const csvLine = (cells) => cells.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(",")

/** `{ csv, bad: Map<line, column>, good: Set<lower-case email>, duplicates }`; `domain` names the addresses' domain. */
function generateImportCsv(rows, domain = "import.test") {
  const lines = [csvLine(HEADER)]
  const bad = new Map()
  const good = new Set()
  let duplicates = 0
  const shouted = domain.replace(/^[^.]+/, (label) => label.toUpperCase()) // IMPORT.test
  for (let i = 0; i < rows; i++) {
    const line = i + 2
    let n = i
    let city = `City ${i % 97}`
    if (i % 50 === 49) {
      n = i - 1
      city = "Lyon"
    }
    const email = n % 7 === 0 ? `User${n}@${shouted}` : `user${n}@${domain}`
    const consent = n % 3 === 0 ? "granted" : n % 3 === 1 ? "unsubscribed" : ""
    const cells = [
      i % 100 === 99 ? `user${n}-at-${domain}` : email,
      `First${n}`, `Last${n}`, n % 2 ? "FR" : "us", city,
      i % 333 === 332 ? "1990-13-45" : `19${50 + (n % 50)}-0${1 + (n % 9)}-1${n % 10}`,
      `Company ${n % 500}`, n % 4 ? "Buyer" : "Owner", n % 5 ? "vip;newsletter" : "newsletter",
      consent, consent ? `2024-0${1 + (n % 9)}-15` : "", n % 2 ? "gold" : "free",
    ]
    lines.push(csvLine(cells))
    if (i % 100 === 99) bad.set(line, "Email")
    else if (i % 333 === 332) bad.set(line, "Birthday")
    else if (good.has(email.toLowerCase())) duplicates++
    else good.add(email.toLowerCase())
  }
  return { csv: lines.join("\n") + "\n", bad, good, duplicates }
}

module.exports = { HEADER, MAPPING, generateImportCsv }
