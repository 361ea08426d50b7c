-- Environment permissions (…000300) enforced where deploys, rollbacks, locks, break-glass and reads happen:
-- - the deploy guard checks deploy (or rollback, for a deployment with rollback_of_id) for deployed_by, so the
--   engine deploying with the service role on a run starter's behalf meets the same grants as the API; a lock
--   or a freeze window is broken through only by break-glass: a deny refuses it, an allow grants it, and with
--   neither the lock's or window's required_role decides as before;
-- - rollback_deployment refuses a caller without rollback with the decision's sentence, before anything else;
-- - lock_environment_for_switch serves callers who may deploy or roll back there;
-- - locking and unlocking needs lock (admins by default); only admins choose who may break glass;
-- - RLS on deployments and versions follows deploy/rollback, and reading an environment and what hangs off it
--   (locks, freeze windows, configs, secret references, deployments, versions) follows view.
-- With no grants every decision is the role default, which is what these functions allowed before.

create or replace function public.guard_deployment()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  _env public.environments;
  _org uuid := private.project_org(new.project_id);
  _lock public.environment_locks;
  _freeze public.freeze_windows;
  _role public.app_role := private.member_role(_org, new.deployed_by);
  _act record;
  -- The deployer's break-glass decision (source and sentence); none for deployments nobody started.
  _glass_source text;
  _glass_reason text;
begin
  select * into _env from public.environments e where e.id = new.environment_id and e.project_id = new.project_id;
  if not found then
    raise exception 'environment % is not in project %', new.environment_id, new.project_id using errcode = 'foreign_key_violation';
  end if;
  new.strategy := coalesce(new.strategy, _env.deploy_strategy);
  new.break_glass := false;

  -- Deployments nobody started (a webhook's run) have no person to check; locks and approvals still apply.
  if new.deployed_by is not null then
    select * into _act from private.environment_decision(new.deployed_by, new.environment_id,
      case when new.rollback_of_id is null then 'deploy' else 'rollback' end::public.environment_action);
    if not _act.allowed then
      raise exception '%', _act.reason using errcode = 'insufficient_privilege';
    end if;
    select d.source, d.reason into _glass_source, _glass_reason
    from private.environment_decision(new.deployed_by, new.environment_id, 'break_glass') d;
  end if;

  select * into _lock from public.environment_locks l where l.environment_id = new.environment_id and l.is_locked for share;
  if found then
    if not private.may_break_glass(_glass_source, _role, _lock.required_role) then
      raise exception 'environment % is locked: %', _env.key, coalesce(_lock.lock_reason, 'no reason given')
        using errcode = 'insufficient_privilege',
        hint = case when _glass_source like '%\_deny' then _glass_reason else format('only %s or above may deploy', _lock.required_role) end;
    end if;
    new.break_glass := true;
    perform audit.record('deployment.break_glass', 'environment_locks', _lock.id::text, _org, new.project_id, null,
      jsonb_build_object('environment', _env.key, 'version', new.version, 'deployed_by', new.deployed_by),
      jsonb_build_object('lock_reason', _lock.lock_reason, 'required_role', _lock.required_role, 'granted_by', _glass_source));
  end if;

  for _freeze in
    select * from public.freeze_windows f
    where f.project_id = new.project_id and (f.environment_id is null or f.environment_id = new.environment_id)
      and now() >= f.starts_at and now() < f.ends_at
  loop
    if not private.may_break_glass(_glass_source, _role, _freeze.required_role) then
      raise exception 'environment % is frozen until %: %', _env.key, _freeze.ends_at, _freeze.reason
        using errcode = 'insufficient_privilege',
        hint = case when _glass_source like '%\_deny' then _glass_reason else format('only %s or above may deploy', _freeze.required_role) end;
    end if;
    new.break_glass := true;
    perform audit.record('deployment.break_glass', 'freeze_windows', _freeze.id::text, _org, new.project_id, null,
      jsonb_build_object('environment', _env.key, 'version', new.version, 'deployed_by', new.deployed_by),
      jsonb_build_object('freeze_reason', _freeze.reason, 'required_role', _freeze.required_role, 'granted_by', _glass_source));
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

-- Break-glass through a lock or freeze window: a deny refuses, an allow grants, otherwise the lock's role decides.
create or replace function private.may_break_glass(_source text, _role public.app_role, _required public.app_role)
returns boolean
language sql immutable
set search_path = ''
as $$
  select case
    when _source in ('user_deny', 'team_deny') then false
    when _source in ('user_allow', 'team_allow') then true
    else _role is not null and _role <= _required
  end
$$;
revoke execute on function private.may_break_glass(text, public.app_role, public.app_role) from public, anon, authenticated, service_role;

create or replace function public.lock_environment_for_switch(_environment_id uuid)
returns boolean
language plpgsql security definer
set search_path = ''
as $$
begin
  if not exists (select 1 from public.environments e where e.id = _environment_id)
    or not (private.can_act(_environment_id, 'deploy') or private.can_act(_environment_id, 'rollback')) then
    return false;
  end if;
  perform 1 from public.environments e where e.id = _environment_id for update;
  return true;
end
$$;

create or replace function public.rollback_deployment(_environment_id uuid, _version_id uuid, _reason text)
returns table (deployment_id uuid, version_id uuid, version_tag text, commit_sha text, restored_from_id uuid, rolled_back_deployment_id uuid)
language plpgsql security invoker
set search_path = ''
as $$
declare
  _env public.environments;
  _current public.deployment_versions;
  _target public.deployment_versions;
  _refusal text;
  _undone uuid;
  _deployment uuid;
  _version uuid;
begin
  select * into _env from public.environments e where e.id = _environment_id;
  if not found then
    raise exception 'no such environment, or you are not a member of its project' using errcode = 'PT404';
  end if;
  _refusal := private.action_refusal(_env.id, 'rollback');
  if _refusal is not null then
    raise exception '%', _refusal using errcode = '42501';
  end if;
  if not public.lock_environment_for_switch(_env.id) then
    raise exception 'only an operator or admin of this project can roll back deployments' using errcode = '42501';
  end if;
  select * into _current from public.deployment_versions v where v.environment_id = _env.id and v.is_current;
  select * into _target from public.deployment_versions v where v.id = _version_id and v.environment_id = _env.id;
  if _target.id is null then
    raise exception 'version % is not a version of %', _version_id, _env.key using errcode = 'PT404';
  end if;
  if _current.id is null then
    raise exception '% has no current version to roll back from', _env.key using errcode = 'PT409';
  end if;
  if _target.is_current or _target.version_tag = _current.version_tag then
    raise exception '% already runs %', _env.key, _target.version_tag using errcode = 'PT409';
  end if;
  _undone := coalesce(_current.deployment_id, (
    select d.id from public.deployments d where d.environment_id = _env.id and d.version = _current.version_tag
    order by d.created_at desc limit 1));
  if _undone is null then
    raise exception 'no deployment of % is recorded for %, so there is nothing to roll back', _current.version_tag, _env.key using errcode = 'PT409';
  end if;

  insert into public.deployments (project_id, environment_id, version, status, deployed_by, reason, rollback_of_id, finished_at)
  values (_env.project_id, _env.id, _target.version_tag, 'success', auth.uid(), _reason, _undone, now())
  returning id into _deployment;
  update public.deployments d set status = 'rolled_back', finished_at = coalesce(d.finished_at, now())
  where d.id = _undone and d.status <> 'rolled_back';
  insert into public.deployment_versions (project_id, environment_id, deployment_id, artifact_id, version_tag, commit_sha, is_current, restored_from_id)
  values (_env.project_id, _env.id, _deployment, _target.artifact_id, _target.version_tag, _target.commit_sha, true, _target.id)
  returning id into _version;

  return query select _deployment, _version, _target.version_tag, _target.commit_sha, _target.id, _undone;
end
$$;

-- Deploying, rolling back and switching versions follow the grants (the guard has already said why, if not).
alter policy "Operators can deploy and roll back as themselves" on public.deployments
  with check (deployed_by = (select auth.uid())
    and private.can_act(environment_id, case when rollback_of_id is null then 'deploy' else 'rollback' end));
alter policy "Operators can update deployments" on public.deployments
  using (private.can_act(environment_id, 'deploy') or private.can_act(environment_id, 'rollback'))
  with check (private.can_act(environment_id, 'deploy') or private.can_act(environment_id, 'rollback'));
alter policy "Operators can update deployments" on public.deployments rename to "People who may deploy or roll back can update deployments";
alter policy "Operators can deploy and roll back as themselves" on public.deployments rename to "People who may deploy or roll back can do so as themselves";
alter policy "Operators can record deployment versions" on public.deployment_versions
  with check (private.can_act(environment_id, 'deploy') or private.can_act(environment_id, 'rollback'));
alter policy "Operators can record deployment versions" on public.deployment_versions rename to "People who may deploy or roll back can record versions";
alter policy "Operators can switch the current version" on public.deployment_versions
  using (private.can_act(environment_id, 'deploy') or private.can_act(environment_id, 'rollback'))
  with check (private.can_act(environment_id, 'deploy') or private.can_act(environment_id, 'rollback'));
alter policy "Operators can switch the current version" on public.deployment_versions rename to "People who may deploy or roll back can switch versions";

-- Locking and unlocking is the lock action (admins by default); removing a lock row stays with admins.
alter policy "Organization admins can create environment locks" on public.environment_locks
  with check (private.can_act(environment_id, 'lock'));
alter policy "Organization admins can create environment locks" on public.environment_locks rename to "People who may lock an environment can create its lock";
alter policy "Organization admins can lock and unlock environments" on public.environment_locks
  using (private.can_act(environment_id, 'lock'))
  with check (private.can_act(environment_id, 'lock'));
alter policy "Organization admins can lock and unlock environments" on public.environment_locks rename to "People who may lock an environment can lock and unlock it";

-- Who may still deploy through a lock is break-glass policy: a member granted lock may not widen it.
create or replace function public.protect_lock_required_role()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  if auth.uid() is not null
    and (case when tg_op = 'INSERT' then new.required_role <> 'admin' else new.required_role is distinct from old.required_role end)
    and not public.project_role_at_least(new.project_id, 'admin') then
    raise exception 'only an admin chooses who may still deploy through a lock' using errcode = '42501';
  end if;
  return new;
end
$$;
revoke execute on function public.protect_lock_required_role() from public, anon, authenticated;
create trigger environment_locks_required_role before insert or update on public.environment_locks
for each row execute function public.protect_lock_required_role();

-- Reading an environment and what hangs off it follows view (members by default; admins always). Admins are
-- let through before can_act, which looks the environment up: in an insert's RETURNING the new row is not
-- visible to that lookup yet, so an admin could not read back an environment they just created.
alter policy "Members can read their projects' environments" on public.environments
  using ((select private.is_project_member(project_id))
    and ((select public.project_role_at_least(project_id, 'admin')) or private.can_act(id, 'view')));
alter policy "Members can read environment locks" on public.environment_locks
  using ((select private.is_project_member(project_id)) and private.can_act(environment_id, 'view'));
alter policy "Members can read freeze windows" on public.freeze_windows
  using ((select private.is_project_member(project_id)) and (environment_id is null or private.can_act(environment_id, 'view')));
alter policy "Members can read environment configs" on public.environment_configs
  using ((select private.is_project_member(project_id)) and private.can_act(environment_id, 'view'));
alter policy "Members can read secret references" on public.secret_references
  using ((select private.is_project_member(project_id)) and (environment_id is null or private.can_act(environment_id, 'view')));
alter policy "Members can read deployments" on public.deployments
  using ((select private.is_project_member(project_id)) and private.can_act(environment_id, 'view'));
alter policy "Members can read deployment versions" on public.deployment_versions
  using ((select private.is_project_member(project_id)) and private.can_act(environment_id, 'view'));
