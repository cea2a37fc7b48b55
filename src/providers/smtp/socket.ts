import net from "net"

type SocketOptions = { host?: string; port?: number; secure?: boolean; proxy?: string; localAddress?: string; connectionTimeout?: number }
type Callback = (err: Error | null, options?: { connection: net.Socket } | false) => void

/**
 * nodemailer's `getSocket` hook: opens plain (and STARTTLS) connections with
 * Nagle's algorithm off. nodemailer writes each SMTP command as its own small
 * packet and waits for the reply, and with Nagle on, every message paid for a
 * delayed ACK (about 40 ms): one pooled connection carried some 20 messages a
 * second, 110 without. Implicit TLS and proxies keep nodemailer's own path.
 */
export function noDelaySocket(options: SocketOptions, callback: Callback): void {
  // nodemailer treats port 465 without `secure` as implicit TLS too.
  if (options.secure || (options.secure === undefined && Number(options.port) === 465) || options.proxy) {
    return callback(null, false)
  }
  const socket = net.connect({ host: options.host ?? "localhost", port: options.port ?? 587, localAddress: options.localAddress })
  socket.setNoDelay(true)
  const timeout = setTimeout(() => {
    socket.destroy()
    callback(Object.assign(new Error("Connection timeout"), { code: "ETIMEDOUT" }))
  }, options.connectionTimeout ?? 120_000)
  const onError = (error: Error) => {
    clearTimeout(timeout)
    callback(Object.assign(error, { code: (error as any).code ?? "ECONNECTION" }))
  }
  socket.once("error", onError)
  socket.once("connect", () => {
    clearTimeout(timeout)
    socket.removeListener("error", onError)
    callback(null, { connection: socket })
  })
}
