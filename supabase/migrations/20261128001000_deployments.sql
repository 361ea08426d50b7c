-- Deployments and the versions they leave behind. A before-insert trigger enforces, in SQL, what the UI
-- also shows: a locked environment or an active freeze window refuses deploys unless the deployer holds the
-- lock's (or window's) required role, which is then recorded as a break-glass in the audit trail; an
-- environment that needs approvals refuses a deploy without an approved request for it (rollbacks to a
-- version the environment already ran are exempt). One version per environment is current.

create table public.deployments (
  id uuid primary key default gen_random_uuid(),
  project_id uuid not null references public.projects (id) on delete cascade,
  environment_id uuid not null,
  execution_id uuid references public.executions (id) on delete set null,
  approval_request_id uuid references public.approval_requests (id) on delete set null, -- the gate that allowed it
  version text not null,
  status public.deployment_status not null default 'pending',
  strategy public.deploy_strategy, -- defaults to the environment's strategy
  deployed_by uuid references auth.users (id) on delete set null,
  reason text, -- why: release notes, incident number, rollback cause
  is_pinned boolean not null default false, -- pinned versions are kept and offered first for rollback
  rollback_of_id uuid references public.deployments (id) on delete set null, -- the deployment this one undoes
  break_glass boolean not null default false, -- set by the guard when a lock or freeze was overridden
  started_at timestamptz not null default now(),
  finished_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  foreign key (environment_id, project_id) references public.environments (id, project_id)
);
create index deployments_project_id_idx on public.deployments (project_id, created_at desc);
create index deployments_environment_id_idx on public.deployments (environment_id, created_at desc);
create index deployments_execution_id_idx on public.deployments (execution_id);

create table public.deployment_versions (
  id uuid primary key default gen_random_uuid(),
  project_id uuid not null references public.projects (id) on delete cascade,
  environment_id uuid not null,
  deployment_id uuid references public.deployments (id) on delete set null,
  artifact_id uuid references public.artifacts (id) on delete set null,
  version_tag text not null,
  commit_sha text check (commit_sha ~ '^[0-9a-f]{7,40}$'),
  is_current boolean not null default false,
  created_at timestamptz not null default now(),
  foreign key (environment_id, project_id) references public.environments (id, project_id)
);
create unique index deployment_versions_one_current_idx on public.deployment_versions (environment_id) where is_current;
create index deployment_versions_project_id_idx on public.deployment_versions (project_id, created_at desc);

create or replace function public.guard_deployment()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  _env public.environments;
  _org uuid := public.project_org(new.project_id);
  _lock public.environment_locks;
  _freeze public.freeze_windows;
  _role public.app_role := public.member_role(_org, new.deployed_by);
begin
  select * into _env from public.environments e where e.id = new.environment_id and e.project_id = new.project_id;
  if not found then
    raise exception 'environment % is not in project %', new.environment_id, new.project_id using errcode = 'foreign_key_violation';
  end if;
  new.strategy := coalesce(new.strategy, _env.deploy_strategy);
  new.break_glass := false;

  select * into _lock from public.environment_locks l where l.environment_id = new.environment_id and l.is_locked for share;
  if found then
    if _role is null or _role > _lock.required_role then
      raise exception 'environment % is locked: %', _env.key, coalesce(_lock.lock_reason, 'no reason given')
        using errcode = 'insufficient_privilege', hint = format('only %s or above may deploy', _lock.required_role);
    end if;
    new.break_glass := true;
    perform audit.record('deployment.break_glass', 'environment_locks', _lock.id::text, _org, new.project_id, null,
      jsonb_build_object('environment', _env.key, 'version', new.version, 'deployed_by', new.deployed_by),
      jsonb_build_object('lock_reason', _lock.lock_reason, 'required_role', _lock.required_role));
  end if;

  for _freeze in
    select * from public.freeze_windows f
    where f.project_id = new.project_id and (f.environment_id is null or f.environment_id = new.environment_id)
      and now() >= f.starts_at and now() < f.ends_at
  loop
    if _role is null or _role > _freeze.required_role then
      raise exception 'environment % is frozen until %: %', _env.key, _freeze.ends_at, _freeze.reason
        using errcode = 'insufficient_privilege', hint = format('only %s or above may deploy', _freeze.required_role);
    end if;
    new.break_glass := true;
    perform audit.record('deployment.break_glass', 'freeze_windows', _freeze.id::text, _org, new.project_id, null,
      jsonb_build_object('environment', _env.key, 'version', new.version, 'deployed_by', new.deployed_by),
      jsonb_build_object('freeze_reason', _freeze.reason, 'required_role', _freeze.required_role));
  end loop;

  if _env.required_approvals > 0 then
    if new.rollback_of_id is not null then
      if not exists (select 1 from public.deployment_versions v where v.environment_id = new.environment_id and v.version_tag = new.version) then
        raise exception 'a rollback must return % to a version it ran before', _env.key using errcode = 'check_violation';
      end if;
    elsif not exists (
      select 1 from public.approval_requests r
      where r.id = new.approval_request_id and r.status = 'approved' and r.environment_id = new.environment_id
    ) then
      raise exception 'deploying to % needs an approved request (% approvals)', _env.key, _env.required_approvals
        using errcode = 'insufficient_privilege';
    end if;
  end if;
  return new;
end
$$;

-- Making a version current retires the previous one; the environment row lock serializes concurrent switches.
create or replace function public.retire_previous_current_version()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  if new.is_current then
    perform 1 from public.environments e where e.id = new.environment_id for update;
    update public.deployment_versions v set is_current = false
    where v.environment_id = new.environment_id and v.is_current and v.id <> new.id;
  end if;
  return new;
end
$$;
revoke execute on function public.guard_deployment(), public.retire_previous_current_version() from public, anon, authenticated;

create trigger deployments_guard before insert on public.deployments
for each row execute function public.guard_deployment();
create trigger deployments_updated_at before update on public.deployments
for each row execute function public.update_updated_at_column();
create trigger deployment_versions_current before insert or update of is_current on public.deployment_versions
for each row execute function public.retire_previous_current_version();
create trigger deployments_audit after insert or update or delete on public.deployments
for each row execute function audit.log_change();
create trigger deployment_versions_audit after insert or update or delete on public.deployment_versions
for each row execute function audit.log_change();

alter table public.deployments enable row level security;
alter table public.deployment_versions enable row level security;

create policy "Members can read deployments"
on public.deployments for select to authenticated
using ((select public.is_project_member(project_id)));
create policy "Operators can deploy and roll back as themselves"
on public.deployments for insert to authenticated
with check (deployed_by = (select auth.uid()) and (select public.project_role_at_least(project_id, 'operator')));
create policy "Operators can update deployments"
on public.deployments for update to authenticated
using ((select public.project_role_at_least(project_id, 'operator')))
with check ((select public.project_role_at_least(project_id, 'operator')));

create policy "Members can read deployment versions"
on public.deployment_versions for select to authenticated
using ((select public.is_project_member(project_id)));
create policy "Operators can record deployment versions"
on public.deployment_versions for insert to authenticated
with check ((select public.project_role_at_least(project_id, 'operator')));
create policy "Operators can switch the current version"
on public.deployment_versions for update to authenticated
using ((select public.project_role_at_least(project_id, 'operator')))
with check ((select public.project_role_at_least(project_id, 'operator')));

-- What a deployment was (environment, version, approval, break-glass) is history; only its progress changes.
revoke update on public.deployments from anon, authenticated;
grant update (status, reason, is_pinned, finished_at) on public.deployments to authenticated;
revoke update on public.deployment_versions from anon, authenticated;
grant update (is_current) on public.deployment_versions to authenticated;
