import type pg from 'pg'

/** What the dispatcher needs to know about a table: column types, primary key, replica identity, RLS. */
export interface TableInfo {
  schema: string
  table: string
  /** Quoted, schema-qualified name. */
  qualified: string
  columns: Array<{ name: string; type: string }>
  typeOf: Map<string, string>
  primaryKey: string[]
  replicaIdentityFull: boolean
  rls: boolean
}

/** Table metadata, cached until DDL (reported by the capture event trigger) invalidates it. */
export class TableCatalog {
  private tables = new Map<string, Promise<TableInfo | undefined>>()
  private published?: Promise<Set<string>>

  constructor(private pool: pg.Pool) {}

  invalidate(): void {
    this.tables.clear()
    this.published = undefined
  }

  get(schema: string, table: string): Promise<TableInfo | undefined> {
    const key = `${schema}.${table}`
    let info = this.tables.get(key)
    if (!info) {
      info = this.load(schema, table)
      info.catch(() => this.tables.delete(key))
      this.tables.set(key, info)
    }
    return info
  }

  /** "schema.table" of every table in publication supabase_realtime. */
  publishedTables(): Promise<Set<string>> {
    if (!this.published) {
      this.published = this.pool
        .query<{ name: string }>(`select schemaname || '.' || tablename as name from pg_publication_tables where pubname = 'supabase_realtime'`)
        .then(({ rows }) => new Set(rows.map((r) => r.name)))
      this.published.catch(() => { this.published = undefined })
    }
    return this.published
  }

  private async load(schema: string, table: string): Promise<TableInfo | undefined> {
    const { rows } = await this.pool.query(
      `select format('%I.%I', n.nspname, c.relname) as qualified, c.relrowsecurity, c.relreplident,
         (select json_agg(json_build_object('name', a.attname, 'type', t.typname) order by a.attnum)
            from pg_attribute a join pg_type t on t.oid = a.atttypid
           where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped) as columns,
         (select array_agg(a.attname::text order by array_position(i.indkey::int2[], a.attnum))
            from pg_index i join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey::int2[])
           where i.indrelid = c.oid and i.indisprimary) as pk
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = $1 and c.relname = $2 and c.relkind in ('r', 'p')`,
      [schema, table],
    )
    const row = rows[0]
    if (!row) return undefined
    const columns = (row.columns ?? []) as TableInfo['columns']
    return {
      schema, table, qualified: row.qualified, columns,
      typeOf: new Map(columns.map((c) => [c.name, c.type])),
      primaryKey: row.pk ?? [],
      replicaIdentityFull: row.relreplident === 'f',
      rls: row.relrowsecurity,
    }
  }
}
