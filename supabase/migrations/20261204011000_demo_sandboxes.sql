-- The no-account demo: a visitor signs in anonymously (GoTrue's anonymous sign-in: a user with
-- is_anonymous = true and the JWT claim is_anonymous) and open_sandbox() gives them a sandbox organization of
-- their own: a project, dev and staging environments, a version already live in staging (so there is
-- something to roll back to) and a pipeline on the simulated executor whose test stage fails on its first
-- attempt. Sandboxes expire after a day; cleanup_expired_sandboxes() (the scheduler's sandbox-cleanup
-- function, or pg_cron on hosted Supabase) deletes them with every row under them and their anonymous users.
--
-- Isolation: RLS already scopes everything by membership; on top of that, the database keeps anonymous users
-- out of real organizations (no membership, no invitation, no organization of their own) and real users out of
-- sandboxes, and a sandbox cannot be turned into a real organization (its row here is written only by
-- open_sandbox and removed only by cleanup or the organization's deletion).

create table public.sandboxes (
  organization_id uuid primary key references public.organizations (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade, -- the anonymous visitor it was made for
  created_at timestamptz not null default now(),
  expires_at timestamptz not null default now() + interval '1 day' -- cleanup deletes it after this
);
create index sandboxes_user_id_idx on public.sandboxes (user_id);
create index sandboxes_expires_at_idx on public.sandboxes (expires_at);

alter table public.sandboxes enable row level security;
create policy "Members can read their sandbox"
on public.sandboxes for select to authenticated
using ((select private.is_org_member(organization_id)));
revoke insert, update, delete, truncate on public.sandboxes from anon, authenticated;

-- Every sandbox ever opened, by client address, for the rate limits (outlives the sandbox; pruned by cleanup).
create table private.sandbox_requests (
  id bigint generated always as identity primary key,
  client_ip text not null, -- first address of x-forwarded-for as PostgREST received it, or 'unknown'
  created_at timestamptz not null default now()
);
create index sandbox_requests_ip_idx on private.sandbox_requests (client_ip, created_at);
create index sandbox_requests_created_at_idx on private.sandbox_requests (created_at);
alter table private.sandbox_requests enable row level security;
revoke all on private.sandbox_requests from public, anon, authenticated;

-- The limits, one row: sandboxes per address and in total per window. Operators tune them with SQL.
create table private.sandbox_limits (
  id boolean primary key default true check (id),
  per_ip integer not null default 5,
  total integer not null default 200,
  window_seconds integer not null default 3600
);
insert into private.sandbox_limits default values;
alter table private.sandbox_limits enable row level security;
revoke all on private.sandbox_limits from public, anon, authenticated;

/** True when the caller's JWT says the user signed in anonymously. */
create or replace function private.is_anonymous()
returns boolean
language sql stable
set search_path = ''
as $$ select coalesce((auth.jwt() ->> 'is_anonymous')::boolean, false) $$;
-- Called by the organizations insert policy, so as the signed-in user.
revoke execute on function private.is_anonymous() from public, anon, service_role;
grant execute on function private.is_anonymous() to authenticated;

create or replace function private.is_sandbox(_organization_id uuid)
returns boolean
language sql stable security definer
set search_path = ''
as $$ select exists (select 1 from public.sandboxes s where s.organization_id = _organization_id) $$;
revoke execute on function private.is_sandbox(uuid) from public, anon, authenticated, service_role;

-- Anonymous users create no organization of their own: the insert policy now also asks for a real user.
alter policy "Signed-in users can create organizations they own" on public.organizations
  with check (owner_id = (select auth.uid()) and not (select private.is_anonymous()));

-- Memberships never cross the line: a sandbox has its visitor only, an anonymous user joins nothing else.
-- This covers admins adding members directly, accepted invitations and ownership transfers alike.
create or replace function private.keep_sandboxes_apart()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  _anonymous boolean := coalesce((select u.is_anonymous from auth.users u where u.id = new.user_id), false);
  _visitor uuid := (select s.user_id from public.sandboxes s where s.organization_id = new.organization_id);
begin
  if _visitor is not null and new.user_id <> _visitor then
    raise exception 'a demo sandbox has one member, the visitor it was made for' using errcode = 'PT403';
  end if;
  if _visitor is null and _anonymous then
    raise exception 'demo users cannot join organizations; sign up to join one' using errcode = 'PT403';
  end if;
  return new;
end
$$;
revoke execute on function private.keep_sandboxes_apart() from public, anon, authenticated;
create trigger organization_members_keep_sandboxes_apart before insert or update on public.organization_members
for each row execute function private.keep_sandboxes_apart();

-- Nobody is invited into a sandbox, and demo users invite nobody anywhere.
create or replace function private.no_sandbox_invitations()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  if private.is_sandbox(new.organization_id) or private.is_anonymous() then
    raise exception 'demo sandboxes cannot invite anyone; sign up to build a team' using errcode = 'PT403';
  end if;
  return new;
end
$$;
revoke execute on function private.no_sandbox_invitations() from public, anon, authenticated;
create trigger organization_invitations_not_in_sandboxes before insert on public.organization_invitations
for each row execute function private.no_sandbox_invitations();

-- In a sandbox the visitor is alone, so the visitor may approve their own runs (nowhere else changes).
create or replace function private.sandbox_self_approval()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  if private.is_sandbox(private.project_org(new.project_id)) then
    new.allow_self_approval := true;
  end if;
  return new;
end
$$;
revoke execute on function private.sandbox_self_approval() from public, anon, authenticated;
create trigger approval_requests_sandbox_self_approval before insert on public.approval_requests
for each row execute function private.sandbox_self_approval();

/** The caller's address as the proxy in front of PostgREST reported it. */
create or replace function private.client_ip()
returns text
language sql stable
set search_path = ''
as $$
  select coalesce(nullif(btrim(split_part(
    coalesce(current_setting('request.headers', true), '{}')::json ->> 'x-forwarded-for', ',', 1)), ''), 'unknown')
$$;
revoke execute on function private.client_ip() from public, anon, authenticated, service_role;

/**
 * Opens (or returns) the calling anonymous user's sandbox organization. Refusals: PT403 for anyone but an
 * anonymous user, PT429 over a rate limit (detail: JSON {scope, limit, retry_after_seconds}).
 */
create or replace function public.open_sandbox()
returns uuid
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  _user uuid := auth.uid();
  _ip text := private.client_ip();
  _limits private.sandbox_limits;
  _used integer;
  _oldest timestamptz;
  _org uuid;
  _project uuid;
  _staging uuid;
  _deployment uuid;
  _tag text := substr(replace(gen_random_uuid()::text, '-', ''), 1, 8);
begin
  if _user is null or not private.is_anonymous() then
    raise exception 'only demo (anonymous) users open sandboxes; you are signed in with an account' using errcode = 'PT403';
  end if;
  select s.organization_id into _org from public.sandboxes s where s.user_id = _user and s.expires_at > now();
  if _org is not null then
    return _org;
  end if;

  -- Counted one at a time, so concurrent requests cannot all squeeze under a limit.
  perform pg_advisory_xact_lock(hashtextextended('sandbox_requests', 0));
  select * into _limits from private.sandbox_limits;
  select count(*), min(r.created_at) into _used, _oldest from private.sandbox_requests r
  where r.client_ip = _ip and r.created_at > now() - make_interval(secs => _limits.window_seconds);
  if _used >= _limits.per_ip then
    raise exception 'Too many demo sandboxes from your address (% an hour); try again in % minutes',
      _limits.per_ip, ceil(extract(epoch from _oldest + make_interval(secs => _limits.window_seconds) - now()) / 60)::int
      using errcode = 'PT429', detail = json_build_object('scope', 'ip', 'limit', _limits.per_ip,
        'retry_after_seconds', ceil(extract(epoch from _oldest + make_interval(secs => _limits.window_seconds) - now())))::text;
  end if;
  select count(*), min(r.created_at) into _used, _oldest from private.sandbox_requests r
  where r.created_at > now() - make_interval(secs => _limits.window_seconds);
  if _used >= _limits.total then
    raise exception 'The demo is busy (% sandboxes in the last hour); try again in % minutes',
      _limits.total, ceil(extract(epoch from _oldest + make_interval(secs => _limits.window_seconds) - now()) / 60)::int
      using errcode = 'PT429', detail = json_build_object('scope', 'total', 'limit', _limits.total,
        'retry_after_seconds', ceil(extract(epoch from _oldest + make_interval(secs => _limits.window_seconds) - now())))::text;
  end if;
  insert into private.sandbox_requests (client_ip) values (_ip);

  -- The sandboxes row goes in before the owner's membership (the organizations insert trigger), so the
  -- membership is recognised as the sandbox's own.
  _org := gen_random_uuid();
  insert into public.organizations (id, name, slug) values (_org, 'Demo sandbox', 'demo-' || _tag);
  insert into public.sandboxes (organization_id, user_id) values (_org, _user);
  update public.organizations set owner_id = _user where id = _org;
  insert into public.organization_members (organization_id, user_id, role) values (_org, _user, 'admin')
  on conflict (organization_id, user_id) do nothing;

  insert into public.projects (organization_id, name, description, created_by)
  values (_org, 'demo-shop', 'A sandbox project: every step runs on the simulated executor', _user)
  returning id into _project;
  insert into public.environments (project_id, key, display_name, tier, position, required_approvals)
  values (_project, 'dev', 'Development', 'development', 0, 0);
  insert into public.environments (project_id, key, display_name, tier, position, required_approvals)
  values (_project, 'staging', 'Staging', 'staging', 1, 0)
  returning id into _staging;

  -- A version already live in staging, so the tour has something to roll back to.
  insert into public.deployments (project_id, environment_id, version, status, deployed_by, reason, started_at, finished_at)
  values (_project, _staging, 'v1.0.0', 'success', _user, 'The sandbox''s first release', now() - interval '1 hour', now() - interval '1 hour')
  returning id into _deployment;
  insert into public.deployment_versions (project_id, environment_id, deployment_id, version_tag, is_current, created_at)
  values (_project, _staging, _deployment, 'v1.0.0', true, now() - interval '1 hour');
  update public.environments set required_approvals = 1 where id = _staging;

  insert into public.flow_templates (project_id, name, description, type, nodes, edges, created_by)
  values (_project, 'Demo release', 'Build, test (fails once), approve and deploy to staging; all simulated', 'cicd',
    jsonb_build_array(
      private.demo_node('source', 'source', 'Source', 0, '{"repository": "demo/shop"}'),
      private.demo_node('build', 'build', 'Build', 1, '{"executor": {"type": "simulated", "duration_ms": 1500, "outcome": "success", "log_lines": ["npm ci", "npm run build", "built demo-shop"]}}'),
      private.demo_node('checkpoint', 'checkpoint', 'After build', 2, '{"label": "after build"}'),
      private.demo_node('test', 'test', 'Test', 3, '{"executor": {"type": "simulated", "duration_ms": 1500, "outcome": "success", "fail_attempts": 1, "log_lines": ["running 42 tests", "checkout.spec: flaky on the first attempt"]}}'),
      private.demo_node('gate', 'approval', 'Approve staging', 4, '{"environment": "staging", "required_approvals": 1}'),
      private.demo_node('deploy', 'deploy', 'Deploy staging', 5, '{"environment": "staging", "duration_ms": 1000}')
    ),
    jsonb_build_array(
      private.demo_edge('source', 'build'), private.demo_edge('build', 'checkpoint'), private.demo_edge('checkpoint', 'test'),
      private.demo_edge('test', 'gate'), private.demo_edge('gate', 'deploy')
    ),
    _user);
  return _org;
end
$$;

create or replace function private.demo_node(_id text, _kind text, _label text, _at integer, _config jsonb)
returns jsonb
language sql immutable
set search_path = ''
as $$ select jsonb_build_object('id', _id, 'type', _kind, 'position', jsonb_build_object('x', _at * 220, 'y', 0),
  'data', jsonb_build_object('label', _label, 'config', _config)) $$;

create or replace function private.demo_edge(_source text, _target text)
returns jsonb
language sql immutable
set search_path = ''
as $$ select jsonb_build_object('id', _source || '->' || _target, 'source', _source, 'target', _target, 'data', jsonb_build_object('on', 'success')) $$;

revoke execute on function private.demo_node(text, text, text, integer, jsonb), private.demo_edge(text, text) from public, anon, authenticated, service_role;
-- The function itself refuses everyone but anonymous users (PT403); anon (no session at all) cannot call it.
revoke execute on function public.open_sandbox() from public, anon;
grant execute on function public.open_sandbox() to authenticated, service_role;

/** True when a sandbox has expired (the scheduler asks before waking sandbox-cleanup). */
create or replace function public.sandbox_cleanup_due()
returns boolean
language sql stable security definer
set search_path = ''
as $$ select exists (select 1 from public.sandboxes s where s.expires_at <= now()) $$;
revoke execute on function public.sandbox_cleanup_due() from public, anon, authenticated;
grant execute on function public.sandbox_cleanup_due() to service_role;

/**
 * Deletes expired sandboxes: the organization (and, by cascade, every project, run, deployment and row under
 * it) and then its anonymous visitor, unless they still have another live sandbox; then anonymous users a day
 * old that have nothing. Returns how many sandboxes.
 */
create or replace function public.cleanup_expired_sandboxes()
returns integer
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  _expired record;
  _count integer := 0;
begin
  for _expired in select s.organization_id, s.user_id from public.sandboxes s where s.expires_at <= now() for update skip locked loop
    -- Runs and deployments first: they reference environments without a cascade, and one cascading delete of
    -- the organization would meet those references before the rows holding them are gone.
    delete from public.executions e using public.projects p where p.id = e.project_id and p.organization_id = _expired.organization_id;
    delete from public.deployment_versions v using public.projects p where p.id = v.project_id and p.organization_id = _expired.organization_id;
    delete from public.deployments d using public.projects p where p.id = d.project_id and p.organization_id = _expired.organization_id;
    delete from public.organizations o where o.id = _expired.organization_id;
    delete from auth.users u where u.id = _expired.user_id and u.is_anonymous
      and not exists (select 1 from public.organization_members m where m.user_id = _expired.user_id);
    _count := _count + 1;
  end loop;
  -- Anonymous users a day old with no sandbox and no membership (refused by a limit, or never opened one).
  delete from auth.users u
  where u.is_anonymous and u.created_at < now() - interval '1 day'
    and not exists (select 1 from public.sandboxes s where s.user_id = u.id)
    and not exists (select 1 from public.organization_members m where m.user_id = u.id);
  delete from private.sandbox_requests r
  where r.created_at < now() - make_interval(secs => (select l.window_seconds from private.sandbox_limits l));
  return _count;
end
$$;
revoke execute on function public.cleanup_expired_sandboxes() from public, anon, authenticated;
grant execute on function public.cleanup_expired_sandboxes() to service_role;
