import type pg from 'pg'
import type { ChangeBinding } from './channel.ts'

/**
 * Keeps realtime.stack_listened in step with the postgres_changes bindings of joined channels: one row per
 * schema and table (table '' for a whole schema) that at least one channel watches. The capture triggers queue
 * only changes of those tables, so a table nobody watches (telemetry ingest, webhook deliveries) pays no
 * capture on its inserts. A join waits for its row to be committed before it is confirmed, so every write
 * statement that ends after the confirmation is captured; rows are removed when the last watcher leaves.
 */
export class ListenedTables {
  private counts = new Map<string, number>()
  // Per key, the last write queued: writes to one key happen in order, so a leave then a join ends inserted.
  private writes = new Map<string, Promise<void>>()

  constructor(private pool: pg.Pool, private log: (line: string) => void) {}

  /** Counts the bindings' tables as watched; resolves once each is recorded (rejects if recording failed). */
  async add(bindings: ChangeBinding[]): Promise<void> {
    await Promise.all(keysOf(bindings).map((key) => {
      const count = (this.counts.get(key) ?? 0) + 1
      this.counts.set(key, count)
      return count === 1 ? this.write(key, 'insert') : this.writes.get(key) ?? Promise.resolve()
    }))
  }

  remove(bindings: ChangeBinding[]): void {
    for (const key of keysOf(bindings)) {
      const count = (this.counts.get(key) ?? 0) - 1
      if (count > 0) {
        this.counts.set(key, count)
        continue
      }
      this.counts.delete(key)
      this.write(key, 'delete').catch((error) => this.log(`listened tables: ${(error as Error).message}`))
    }
  }

  private write(key: string, op: 'insert' | 'delete'): Promise<void> {
    const [schema, table] = key.split('\u0000')
    const next = (this.writes.get(key) ?? Promise.resolve()).catch(() => {}).then(async () => {
      const watched = (this.counts.get(key) ?? 0) > 0
      // A write overtaken by the opposite change of the count is skipped: the state it wanted is stale.
      if (op === 'insert' && watched) {
        await this.pool.query('insert into realtime.stack_listened (schema_name, table_name) values ($1, $2) on conflict do nothing', [schema, table])
      } else if (op === 'delete' && !watched) {
        await this.pool.query('delete from realtime.stack_listened where schema_name = $1 and table_name = $2', [schema, table])
      }
    })
    this.writes.set(key, next)
    void next.finally(() => { if (this.writes.get(key) === next) this.writes.delete(key) }).catch(() => {})
    return next
  }
}

function keysOf(bindings: ChangeBinding[]): string[] {
  return [...new Set(bindings.map((b) => `${b.schema}\u0000${b.table ?? ''}`))]
}
