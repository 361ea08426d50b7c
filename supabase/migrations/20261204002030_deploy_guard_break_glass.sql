-- The deploy guard with lock expiry, recurring freeze windows and two-admin break-glass. Starts from its
-- definition in 20261203000310 (environment grants: a break_glass deny refuses, an allow grants, otherwise the
-- lock's or window's required_role decides who may break glass) and changes three things:
-- - a lock past its expiry no longer holds (private.lock_in_force), whether or not a tick has lifted it yet;
-- - a freeze window holds while one of its occurrences does (private.freeze_window_until), evaluated now,
--   when the deploy happens, not when its run started;
-- - whoever may break glass still needs an approved, unused, unexpired break_glass_requests row of their own
--   for this environment; the guard uses it up (single use), links the deployment and audits it.
-- engine_blocked_environments follows the same rules, saying what blocks (lock or freeze) and whose approved
-- break-glass would get through.

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
  _until timestamptz;
  _role public.app_role := private.member_role(_org, new.deployed_by);
  _act record;
  -- The deployer's break-glass decision (source and sentence); none for deployments nobody started.
  _glass_source text;
  _glass_reason text;
  -- What blocks this deploy: the first refusal's words, and every lock/window to audit once glass is broken.
  _blocked_message text;
  _blockers jsonb := '[]'::jsonb;
  _request public.break_glass_requests;
  _b jsonb;
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
  if found and private.lock_in_force(_lock.is_locked, _lock.expires_at, now()) then
    _blocked_message := format('environment %s is locked: %s', _env.key, coalesce(_lock.lock_reason, 'no reason given'));
    if not private.may_break_glass(_glass_source, _role, _lock.required_role) then
      raise exception '%', _blocked_message
        using errcode = 'insufficient_privilege', detail = 'environment_blocked',
        hint = case when _glass_source like '%\_deny' then _glass_reason else format('only %s or above may deploy', _lock.required_role) end;
    end if;
    _blockers := _blockers || jsonb_build_object('type', 'environment_locks', 'id', _lock.id,
      'details', jsonb_build_object('lock_reason', _lock.lock_reason, 'required_role', _lock.required_role, 'granted_by', _glass_source));
  end if;

  for _freeze in
    select * from public.freeze_windows f
    where f.project_id = new.project_id and (f.environment_id is null or f.environment_id = new.environment_id)
      and f.starts_at <= now() and private.freeze_window_until(f, now()) is not null
  loop
    _until := private.freeze_window_until(_freeze, now());
    _blocked_message := coalesce(_blocked_message, format('environment %s is frozen until %s: %s', _env.key, _until, _freeze.reason));
    if not private.may_break_glass(_glass_source, _role, _freeze.required_role) then
      raise exception 'environment % is frozen until %: %', _env.key, _until, _freeze.reason
        using errcode = 'insufficient_privilege', detail = 'environment_blocked',
        hint = case when _glass_source like '%\_deny' then _glass_reason else format('only %s or above may deploy', _freeze.required_role) end;
    end if;
    _blockers := _blockers || jsonb_build_object('type', 'freeze_windows', 'id', _freeze.id,
      'details', jsonb_build_object('freeze_reason', _freeze.reason, 'required_role', _freeze.required_role,
        'recurrence', _freeze.recurrence, 'until', _until, 'granted_by', _glass_source));
  end loop;

  if _blocked_message is not null then
    select * into _request from public.break_glass_requests r
    where r.environment_id = new.environment_id and r.requested_by = new.deployed_by and r.status = 'approved'
      and r.expires_at > now()
    order by r.decided_at limit 1
    for update;
    if not found then
      raise exception '%', _blocked_message
        using errcode = 'insufficient_privilege', detail = 'environment_blocked',
        hint = 'breaking glass needs a break-glass request with a reason, approved by a second admin';
    end if;
    update public.break_glass_requests r set status = 'used', used_at = now(), deployment_id = new.id where r.id = _request.id;
    new.break_glass := true;
    for _b in select value from jsonb_array_elements(_blockers) loop
      perform audit.record('deployment.break_glass', _b ->> 'type', _b ->> 'id', _org, new.project_id, null,
        jsonb_build_object('environment', _env.key, 'version', new.version, 'deployed_by', new.deployed_by, 'deployment_id', new.id),
        (_b -> 'details') || jsonb_build_object('break_glass_request_id', _request.id, 'reason_category', _request.reason_category,
          'reason', _request.reason, 'approved_by', _request.decided_by, 'approved_at', _request.decided_at));
    end loop;
  end if;

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

-- Environments a deploy may not enter now (a lock in force, or a freeze window holding), with the guard's
-- wording, what blocks, and who holds an approved break-glass request there. The engine queues deploys into
-- them up front; the guard stays the last word.
drop function if exists public.engine_blocked_environments(uuid[]);
create function public.engine_blocked_environments(_project_ids uuid[])
returns table (project_id uuid, environment text, kind text, message text, break_glass_users uuid[])
language sql stable security definer
set search_path = ''
as $$
  with blocked as (
    select e.project_id, e.id as environment_id, e.key, 'lock' as kind,
      format('environment %s is locked: %s', e.key, coalesce(l.lock_reason, 'no reason given')) as message, 1 as ord
    from public.environments e
    join public.environment_locks l on l.environment_id = e.id
    where e.project_id = any (_project_ids) and private.lock_in_force(l.is_locked, l.expires_at, now())
    union all
    select e.project_id, e.id, e.key, 'freeze',
      format('environment %s is frozen until %s: %s', e.key, private.freeze_window_until(f, now()), f.reason), 2
    from public.freeze_windows f
    join public.environments e on e.project_id = f.project_id and (f.environment_id is null or f.environment_id = e.id)
    where f.project_id = any (_project_ids) and f.starts_at <= now() and private.freeze_window_until(f, now()) is not null
  )
  select b.project_id, b.key, b.kind, b.message,
    array(select r.requested_by from public.break_glass_requests r
      where r.environment_id = b.environment_id and r.status = 'approved' and r.expires_at > now())
  from blocked b
  order by b.project_id, b.key, b.ord
$$;
revoke execute on function public.engine_blocked_environments(uuid[]) from public, anon, authenticated;
grant execute on function public.engine_blocked_environments(uuid[]) to service_role;
