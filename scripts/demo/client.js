"use strict"
/** The demo's HTTP client for the store API, and the dice the simulation rolls. */
const rand = (n) => Math.floor(Math.random() * n)
const pick = (arr) => arr[rand(arr.length)]
const chance = (p) => Math.random() < p
const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

class HttpError extends Error {
  constructor(method, path, status, body) {
    const detail = body && typeof body === "object" ? body.message || JSON.stringify(body) : String(body || "")
    super(`${method} ${path} answered ${status}: ${detail.slice(0, 300)}`)
    this.status = status
    this.body = body
  }
}

function createClient(baseUrl, publishableKey) {
  return async function request(method, path, { body, token, headers = {} } = {}) {
    const res = await fetch(baseUrl + path, {
      method,
      headers: {
        accept: "application/json",
        ...(body !== undefined ? { "content-type": "application/json" } : {}),
        ...(publishableKey ? { "x-publishable-api-key": publishableKey } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    })
    const text = await res.text()
    let json = null
    try {
      json = text ? JSON.parse(text) : null
    } catch (e) {
      json = text
    }
    if (!res.ok) throw new HttpError(method, path, res.status, json)
    return json
  }
}

module.exports = { HttpError, createClient, rand, pick, chance, sleep }
