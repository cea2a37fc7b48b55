"use strict"
/**
 * Rate limits far above what this machine can send. Benchmarks and most tests
 * drive the server from one address (127.0.0.1), which the default per-address
 * limits would throttle. The limits stay on, so their cost is in every figure.
 */
const HIGH = { perSecond: 1000000, burst: 1000000 }

const UNTHROTTLED_RATE_LIMITS = { tracking: HIGH, publishableKey: HIGH, server: HIGH, links: HIGH, webhooks: HIGH }

module.exports = { UNTHROTTLED_RATE_LIMITS }
