import type { Context } from "@medusajs/framework/types"

/** What the module's hand-written SQL needs of a MikroORM entity manager. */
export type SqlRunner = {
  execute(sql: string, params?: unknown[], method?: "all" | "get" | "run"): Promise<any>
}

/**
 * The runner of a module call: the transaction's manager under
 * `@InjectTransactionManager`, the plain manager under `@InjectManager`.
 */
export const runnerOf = (ctx: Context): SqlRunner =>
  (ctx.transactionManager ?? ctx.manager) as unknown as SqlRunner
