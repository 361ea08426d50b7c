-- Ingest tokens for otel-adapter. An organization admin issues a token for one of the organization's `otel`
-- connections and one project; the plaintext is returned once and only its SHA-256 is stored. Issuing a
-- new token for the same connection and project revokes the previous one (rotation). OTLP exporters send
-- it as `Authorization: Bearer <token>` or `x-opzenix-ingest-token`; the function resolves it through the
-- service-role-only functions below and files every signal under the token's project.

create table public.otel_ingest_tokens (
  id uuid primary key default gen_random_uuid(),
  connection_id uuid not null references public.connections (id) on delete cascade,
  organization_id uuid not null references public.organizations (id) on delete cascade,
  project_id uuid not null references public.projects (id) on delete cascade,
  token_hash text not null unique, -- hex SHA-256 of the token; service_role only
  token_hint text not null, -- the token's last four characters, to recognise it in the UI
  created_by uuid default auth.uid() references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  last_used_at timestamptz, -- refreshed at most once a minute
  revoked_at timestamptz
);
create index otel_ingest_tokens_organization_id_idx on public.otel_ingest_tokens (organization_id);
create index otel_ingest_tokens_connection_id_idx on public.otel_ingest_tokens (connection_id, project_id) where revoked_at is null;

alter table public.otel_ingest_tokens enable row level security;
revoke all on public.otel_ingest_tokens from anon, authenticated;
grant select (id, connection_id, organization_id, project_id, token_hint, created_by, created_at, last_used_at, revoked_at)
  on public.otel_ingest_tokens to authenticated;

create policy "Members can see their organizations' ingest tokens"
on public.otel_ingest_tokens for select to authenticated
using ((select public.is_org_member(organization_id)));

/** Issues (or rotates) the ingest token of an otel connection for a project; returns the plaintext once. */
create or replace function public.issue_otel_ingest_token(_connection_id uuid, _project_id uuid)
returns table (token_id uuid, token text, token_hint text)
language plpgsql security definer
set search_path = ''
as $$
declare
  _conn public.connections;
  _token text := 'ozx_otlp_' || encode(uuid_send(gen_random_uuid()) || uuid_send(gen_random_uuid()), 'hex');
  _id uuid;
begin
  select * into _conn from public.connections c where c.id = _connection_id;
  if not found or not public.org_role_at_least(_conn.organization_id, 'admin') then
    raise exception 'only an admin of the connection''s organization can issue ingest tokens' using errcode = 'insufficient_privilege';
  end if;
  if _conn.type <> 'otel' then
    raise exception 'connection % is a % connection, not otel', _conn.name, _conn.type using errcode = 'check_violation';
  end if;
  if public.project_org(_project_id) is distinct from _conn.organization_id then
    raise exception 'project % is not in the connection''s organization', _project_id using errcode = 'check_violation';
  end if;

  update public.otel_ingest_tokens t set revoked_at = now()
  where t.connection_id = _connection_id and t.project_id = _project_id and t.revoked_at is null;
  insert into public.otel_ingest_tokens (connection_id, organization_id, project_id, token_hash, token_hint)
  values (_connection_id, _conn.organization_id, _project_id, encode(sha256(convert_to(_token, 'UTF8')), 'hex'), right(_token, 4))
  returning id into _id;
  perform audit.record('otel_ingest_token.issued', 'otel_ingest_tokens', _id::text, _conn.organization_id, _project_id,
    null, null, jsonb_build_object('connection_id', _connection_id, 'token_hint', right(_token, 4)));
  return query select _id, _token, right(_token, 4);
end
$$;

/** Revokes an ingest token: exporters using it get 401 from then on. */
create or replace function public.revoke_otel_ingest_token(_token_id uuid)
returns void
language plpgsql security definer
set search_path = ''
as $$
declare
  _t public.otel_ingest_tokens;
begin
  select * into _t from public.otel_ingest_tokens t where t.id = _token_id;
  if not found or not public.org_role_at_least(_t.organization_id, 'admin') then
    raise exception 'only an admin of the token''s organization can revoke it' using errcode = 'insufficient_privilege';
  end if;
  update public.otel_ingest_tokens t set revoked_at = coalesce(t.revoked_at, now()) where t.id = _token_id;
  perform audit.record('otel_ingest_token.revoked', 'otel_ingest_tokens', _token_id::text, _t.organization_id, _t.project_id,
    null, null, jsonb_build_object('connection_id', _t.connection_id, 'token_hint', _t.token_hint));
end
$$;
revoke execute on function public.issue_otel_ingest_token(uuid, uuid), public.revoke_otel_ingest_token(uuid) from public, anon;
grant execute on function public.issue_otel_ingest_token(uuid, uuid), public.revoke_otel_ingest_token(uuid) to authenticated;

/** The project an active token files signals under, or null (service role: otel-adapter). */
create or replace function public.otel_ingest_token_project(_token_hash text)
returns uuid
language sql stable security definer
set search_path = ''
as $$
  select t.project_id from public.otel_ingest_tokens t where t.token_hash = _token_hash and t.revoked_at is null
$$;

/**
 * Writes one OTLP request's signals (a JSON array of rows shaped by _shared/otlp/rows.ts) in one insert,
 * under the token's project; raises 28000 when the token is unknown or revoked. Spans whose trace id is an
 * execution's trace id (see execution_trace_id) are linked to that execution.
 */
create or replace function public.ingest_otel_signals(_token_hash text, _signals jsonb)
returns integer
language plpgsql security definer
set search_path = ''
as $$
declare
  _t public.otel_ingest_tokens;
  _count integer;
begin
  select * into _t from public.otel_ingest_tokens t where t.token_hash = _token_hash and t.revoked_at is null;
  if not found then
    raise exception 'unknown or revoked ingest token' using errcode = 'invalid_authorization_specification';
  end if;
  insert into public.telemetry_signals (project_id, connection_id, execution_id, signal_type, name, otel_trace_id,
    otel_span_id, parent_span_id, kind, status, started_at, ended_at, service_name, attributes, resource_attributes, payload)
  select _t.project_id, _t.connection_id, e.id, s.signal_type, s.name, s.trace_id, s.span_id, s.parent_span_id, s.kind,
    s.status, s.started_at, s.ended_at, s.service_name, coalesce(s.attributes, '{}'), coalesce(s.resource_attributes, '{}'),
    coalesce(s.payload, '{}')
  from jsonb_to_recordset(_signals) as s(signal_type text, name text, trace_id text, span_id text, parent_span_id text,
    kind text, status text, started_at timestamptz, ended_at timestamptz, service_name text, attributes jsonb,
    resource_attributes jsonb, payload jsonb)
  left join public.executions e on s.trace_id is not null and e.id = s.trace_id::uuid and e.project_id = _t.project_id;
  get diagnostics _count = row_count;
  update public.otel_ingest_tokens t set last_used_at = now()
  where t.id = _t.id and (t.last_used_at is null or t.last_used_at < now() - interval '1 minute');
  return _count;
end
$$;
revoke execute on function public.otel_ingest_token_project(text), public.ingest_otel_signals(text, jsonb) from public, anon, authenticated;
grant execute on function public.otel_ingest_token_project(text), public.ingest_otel_signals(text, jsonb) to service_role;
