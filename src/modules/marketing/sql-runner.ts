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

/**
 * The runner of a module call that sends the parameters to Postgres as bind
 * values. MikroORM's `execute` writes each parameter into the SQL text,
 * escaping it character by character in JavaScript: seconds of CPU and
 * garbage for the megabytes of JSON a contact import's batches send. Same
 * placeholders (`?`), same transaction; answers the rows.
 */
export const boundRunnerOf = (ctx: Context): SqlRunner => {
  const em = (ctx.transactionManager ?? ctx.manager) as any
  return {
    async execute(sql: string, params: unknown[] = []) {
      const query = em.getKnex().raw(sql, params)
      const transaction = em.getContext(false).getTransactionContext()
      if (transaction) query.transacting(transaction)
      const result = await query
      return result.rows
    },
  }
}
