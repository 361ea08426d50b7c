-- The audit trail: append-only through every API role, written by triggers on privileged tables, and
-- hash-chained (each row stores the previous row's hash) so tampering by anyone with table access shows up
-- in public.verify_audit_chain().

create schema if not exists audit;

create table public.audit_logs (
  -- Assigned by the chain trigger under its lock, so id order is chain order.
  id bigint primary key,
  organization_id uuid, -- no foreign keys: the trail outlives what it describes
  project_id uuid,
  user_id uuid, -- the actor, auth.uid() when the change came through the API; null for service/owner changes
  actor_role text not null default coalesce(auth.role(), current_user),
  action text not null, -- insert | update | delete, or a named event such as deployment.break_glass
  resource_type text not null,
  resource_id text,
  details jsonb not null default '{}'::jsonb,
  before jsonb,
  after jsonb,
  created_at timestamptz not null default now(),
  prev_hash text, -- null only for the first row
  hash text not null
);
create sequence public.audit_logs_id_seq owned by public.audit_logs.id;
comment on table public.audit_logs is 'Append-only, hash-chained audit trail written by audit.log_change() and audit.record().';

create index audit_logs_organization_id_idx on public.audit_logs (organization_id);
create index audit_logs_resource_idx on public.audit_logs (resource_type, resource_id);

-- The canonical text a row's hash covers (jsonb output is deterministic: keys sorted, spacing fixed).
create or replace function audit.canonical(_row public.audit_logs)
returns text
language sql immutable
set search_path = ''
as $$
  select jsonb_build_object(
    'id', _row.id, 'organization_id', _row.organization_id, 'project_id', _row.project_id,
    'user_id', _row.user_id, 'actor_role', _row.actor_role, 'action', _row.action,
    'resource_type', _row.resource_type, 'resource_id', _row.resource_id, 'details', _row.details,
    'before', _row.before, 'after', _row.after,
    'created_at', to_char(_row.created_at at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
  )::text
$$;

create or replace function audit.chain()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  -- One writer at a time, held to commit, so every row links to the one committed before it.
  perform pg_advisory_xact_lock(hashtext('public.audit_logs'));
  new.id := nextval('public.audit_logs_id_seq');
  new.prev_hash := (select l.hash from public.audit_logs l order by l.id desc limit 1);
  new.hash := encode(extensions.digest(coalesce(new.prev_hash, '') || audit.canonical(new), 'sha256'), 'hex');
  return new;
end
$$;

create trigger audit_logs_chain before insert on public.audit_logs
for each row execute function audit.chain();

-- Writes one audit row; used by triggers for named events (e.g. a break-glass deployment).
create or replace function audit.record(
  _action text, _resource_type text, _resource_id text, _organization_id uuid, _project_id uuid,
  _before jsonb, _after jsonb, _details jsonb default '{}'::jsonb
)
returns void
language plpgsql security definer
set search_path = ''
as $$
begin
  insert into public.audit_logs (organization_id, project_id, user_id, action, resource_type, resource_id, details, before, after)
  values (_organization_id, _project_id, auth.uid(), _action, _resource_type, _resource_id, coalesce(_details, '{}'::jsonb), _before, _after);
end
$$;

-- Generic row trigger: who changed what, before and after. Secret columns are dropped from the images.
create or replace function audit.log_change()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  _old jsonb := case when tg_op in ('UPDATE', 'DELETE') then to_jsonb(old) - array['encrypted_token', 'webhook_secret'] end;
  _new jsonb := case when tg_op in ('INSERT', 'UPDATE') then to_jsonb(new) - array['encrypted_token', 'webhook_secret'] end;
  _row jsonb := coalesce(_new, _old);
  _project uuid := (_row ->> 'project_id')::uuid;
  _org uuid := coalesce(
    (_row ->> 'organization_id')::uuid,
    case when tg_table_name = 'organizations' then (_row ->> 'id')::uuid end,
    public.project_org(_project)
  );
begin
  if tg_op = 'UPDATE' and _old = _new then
    return null;
  end if;
  perform audit.record(lower(tg_op), tg_table_name, coalesce(_row ->> 'id', _row ->> 'user_id'), _org, _project, _old, _new);
  return null;
end
$$;

-- Returns the id of the first row whose link or hash does not match, or null when the chain is intact.
create or replace function public.verify_audit_chain()
returns bigint
language plpgsql stable security definer
set search_path = ''
as $$
declare
  _row public.audit_logs;
  _prev text := null;
begin
  for _row in select * from public.audit_logs order by id loop
    if _row.prev_hash is distinct from _prev
      or _row.hash <> encode(extensions.digest(coalesce(_row.prev_hash, '') || audit.canonical(_row), 'sha256'), 'hex') then
      return _row.id;
    end if;
    _prev := _row.hash;
  end loop;
  return null;
end
$$;

revoke all on schema audit from public;
revoke execute on all functions in schema audit from public;
revoke execute on function public.verify_audit_chain() from public, anon, authenticated;
grant execute on function public.verify_audit_chain() to service_role;

alter table public.audit_logs enable row level security;
-- Append-only for every API role, service_role included (it bypasses RLS, so privileges do the work).
revoke insert, update, delete, truncate on public.audit_logs from anon, authenticated, service_role;

create policy "Admins can read the audit trail of their organization, installation admins the rest"
on public.audit_logs for select to authenticated
using (
  (select public.org_role_at_least(organization_id, 'admin'))
  or (organization_id is null and (select public.has_role(auth.uid(), 'admin')))
);
