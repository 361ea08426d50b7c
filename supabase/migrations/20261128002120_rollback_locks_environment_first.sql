-- rollback_deployment locked the current version row, then its deployments insert took a key-share lock on the
-- environment (foreign key), then making the version current asked for the environment's update lock. An
-- engine deploy into the same environment takes the environment's update lock first and then the current
-- version row: the two could deadlock. Like the engine (…002040_engine_deploy_lock), a rollback now takes the
-- environment's update lock before anything else, so every version switch of one environment queues there.

-- Callers cannot lock environments themselves (only admins may update them, and FOR UPDATE needs that), so
-- this narrow definer function does it for operators of the environment's project, and nothing else.
create or replace function public.lock_environment_for_switch(_environment_id uuid)
returns boolean
language plpgsql security definer
set search_path = ''
as $$
declare
  _project uuid;
begin
  select e.project_id into _project from public.environments e where e.id = _environment_id;
  if _project is null or not public.project_role_at_least(_project, 'operator') then
    return false;
  end if;
  perform 1 from public.environments e where e.id = _environment_id for update;
  return true;
end
$$;
revoke execute on function public.lock_environment_for_switch(uuid) from public, anon;
grant execute on function public.lock_environment_for_switch(uuid) to authenticated, service_role;

create or replace function public.rollback_deployment(_environment_id uuid, _version_id uuid, _reason text)
returns table (deployment_id uuid, version_id uuid, version_tag text, commit_sha text, restored_from_id uuid, rolled_back_deployment_id uuid)
language plpgsql security invoker
set search_path = ''
as $$
declare
  _env public.environments;
  _current public.deployment_versions;
  _target public.deployment_versions;
  _undone uuid;
  _deployment uuid;
  _version uuid;
begin
  select * into _env from public.environments e where e.id = _environment_id;
  if not found then
    raise exception 'no such environment, or you are not a member of its project' using errcode = 'PT404';
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
