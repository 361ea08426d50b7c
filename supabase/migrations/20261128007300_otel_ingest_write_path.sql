-- Cheaper OTLP writes (measured by bench/otlp.ts, EXPLAIN ANALYZE of one 512-span batch):
-- * linking spans to executions probed executions_project_id_idx once per span and filtered every execution of
--   the project (13 ms a batch, growing with the project's history): now the batch's distinct trace ids are
--   looked up once through the primary key;
-- * the scope is merged into payload from a per-group object instead of building one per span;
-- * telemetry_signals_execution_id_idx no longer indexes the spans of other services (execution_id is null for
--   almost every ingested row); `execution_id = …` lookups still use it.

drop index if exists public.telemetry_signals_execution_id_idx;
create index telemetry_signals_execution_id_idx on public.telemetry_signals (execution_id) where execution_id is not null;

/**
 * Writes one OTLP request's signals under the token's project: body {token_hash, groups: [{resource_attributes,
 * service_name, scope}], rows: [{g, signal_type, name, trace_id, span_id, ...}]} (see _shared/otlp/batch.ts).
 * Raises 28000 when the token is unknown or revoked. Spans whose trace id is an execution's trace id (see
 * execution_trace_id) are linked to that execution.
 */
create or replace function public.ingest_otel_batch(json)
returns integer
language plpgsql security definer
set search_path = ''
as $$
declare
  _t public.otel_ingest_tokens;
  _count integer;
begin
  select * into _t from public.otel_ingest_tokens t where t.token_hash = $1 ->> 'token_hash' and t.revoked_at is null;
  if not found then
    raise exception 'unknown or revoked ingest token' using errcode = 'invalid_authorization_specification';
  end if;
  with s as materialized (
    select * from json_to_recordset($1 -> 'rows') as s(g integer, signal_type text, name text, trace_id text, span_id text,
      parent_span_id text, kind text, status text, started_at timestamptz, ended_at timestamptz, attributes jsonb, payload jsonb)
  ), g as (
    select x.n - 1 as idx, (x.value -> 'resource_attributes')::jsonb as resource_attributes, x.value ->> 'service_name' as service_name,
      case when x.value -> 'scope' is null or json_typeof(x.value -> 'scope') = 'null' then null
        else jsonb_build_object('scope', (x.value -> 'scope')::jsonb) end as scope
    from json_array_elements($1 -> 'groups') with ordinality as x(value, n)
  ), runs as materialized (
    select e.id, e.project_id from public.executions e
    where e.id = any (array(select distinct s.trace_id::uuid from s where s.trace_id is not null))
  )
  insert into public.telemetry_signals (project_id, connection_id, execution_id, signal_type, name, otel_trace_id,
    otel_span_id, parent_span_id, kind, status, started_at, ended_at, service_name, attributes, resource_attributes, payload)
  select _t.project_id, _t.connection_id, r.id,
    s.signal_type, s.name, s.trace_id, s.span_id, s.parent_span_id, s.kind, s.status, s.started_at, s.ended_at,
    g.service_name, coalesce(s.attributes, '{}'), coalesce(g.resource_attributes, '{}'),
    case when g.scope is null then coalesce(s.payload, '{}') else coalesce(s.payload, '{}') || g.scope end
  from s
  join g on g.idx = s.g
  left join runs r on r.id = s.trace_id::uuid and r.project_id = _t.project_id;
  get diagnostics _count = row_count;
  update public.otel_ingest_tokens t set last_used_at = now()
  where t.id = _t.id and (t.last_used_at is null or t.last_used_at < now() - interval '1 minute');
  return _count;
end
$$;
revoke execute on function public.ingest_otel_batch(json) from public, anon, authenticated;
grant execute on function public.ingest_otel_batch(json) to service_role;
