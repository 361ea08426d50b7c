import { readFile } from 'node:fs/promises'
import pg from 'pg'

export type ChangeType = 'INSERT' | 'UPDATE' | 'DELETE'

/** One captured row change, as the capture trigger queued it. */
export interface Change {
  schema: string
  table: string
  type: ChangeType
  record: Record<string, unknown> | null
  old_record: Record<string, unknown> | null
  commit_timestamp: string
}

const BATCH_LIMIT = 200 // transactions per read

/**
 * Receives the ids of transactions that queued changes over LISTEN (delivered in commit order), takes their
 * rows off the queue and hands them on in that order, one batch at a time.
 */
export class ChangeFeed {
  private listener?: pg.Client
  private pending: string[] = []
  private pumping = false
  private stopped = false
  private retry?: NodeJS.Timeout

  constructor(
    private dbUrl: string,
    private pool: pg.Pool,
    private onBatch: (changes: Change[]) => Promise<void>,
    private onSchemaChange: () => void,
    private log: (line: string) => void,
  ) {}

  async start(): Promise<void> {
    const sql = await readFile(new URL('./capture.sql', import.meta.url), 'utf8')
    await this.listen()
    // Installed over the listening connection's peer so no change committed after this point is missed.
    await this.pool.query(sql)
  }

  async stop(): Promise<void> {
    this.stopped = true
    clearTimeout(this.retry)
    await this.listener?.end().catch(() => {})
  }

  /**
   * Opens the LISTEN connection. When it is lost (Postgres restarted, the connection was cut) it is opened
   * again with backoff, and the changes queued meanwhile (still in realtime.stack_changes) are delivered then,
   * in commit order, so subscribers miss nothing.
   */
  private async listen(): Promise<void> {
    const listener = new pg.Client({ connectionString: this.dbUrl, application_name: 'realtime-listener' })
    this.listener = listener
    let lost = false
    const onLost = (why: string) => {
      if (lost || this.stopped) return
      lost = true
      this.log(`listener: ${why}; reconnecting`)
      listener.end().catch(() => {})
      this.reconnect()
    }
    listener.on('notification', (n) => {
      if (n.channel === 'realtime_stack_schema') return this.onSchemaChange()
      if (n.payload) this.pending.push(n.payload)
      void this.pump()
    })
    // Until it listens, a failure is the caller's to handle (start fails, or reconnect tries again).
    let listening = false
    listener.on('error', (e) => { if (listening) onLost(e.message) })
    try {
      await listener.connect()
      await listener.query('listen realtime_stack_changes; listen realtime_stack_schema')
    } catch (error) {
      lost = true
      listener.end().catch(() => {})
      throw error
    }
    listening = true
    listener.on('end', () => onLost('connection ended'))
  }

  private reconnect(attempt = 0): void {
    const delay = Math.min(5000, 250 * 2 ** attempt)
    this.retry = setTimeout(async () => {
      if (this.stopped) return
      try {
        await this.listen()
        await this.catchUp()
        this.log('listener: reconnected')
      } catch (error) {
        this.log(`listener: ${(error as Error).message}; retrying in ${Math.min(5000, delay * 2)} ms`)
        this.listener?.end().catch(() => {})
        this.reconnect(attempt + 1)
      }
    }, delay)
  }

  /** Queues every transaction whose changes are still waiting (committed while nobody listened). */
  private async catchUp(): Promise<void> {
    const { rows } = await this.pool.query(`select xid::text from realtime.stack_changes group by xid order by min(id)`)
    this.pending.push(...rows.map((r) => r.xid as string))
    this.onSchemaChange() // a schema change may have been missed too
    await this.pump()
  }

  private async pump(): Promise<void> {
    if (this.pumping) return
    this.pumping = true
    try {
      while (this.pending.length && !this.stopped) {
        const xids = this.pending.splice(0, BATCH_LIMIT)
        const changes = await this.take(xids)
        if (changes.length) await this.onBatch(changes).catch((e) => this.log(`dispatch: ${(e as Error).stack}`))
      }
    } catch (error) {
      if (!this.stopped) this.log(`change feed: ${(error as Error).message}`)
    } finally {
      this.pumping = false
    }
  }

  private async take(xids: string[]): Promise<Change[]> {
    const { rows } = await this.pool.query(
      `delete from realtime.stack_changes where xid = any($1::xid8[])
       returning id, xid::text, schema_name, table_name, type, record, old_record, commit_timestamp`,
      [xids],
    )
    const order = new Map(xids.map((xid, i) => [xid, i]))
    rows.sort((a, b) => order.get(a.xid)! - order.get(b.xid)! || Number(a.id) - Number(b.id))
    return rows.map((row) => ({
      schema: row.schema_name,
      table: row.table_name,
      type: row.type,
      record: row.record,
      old_record: row.old_record,
      commit_timestamp: (row.commit_timestamp as Date).toISOString(),
    }))
  }
}
