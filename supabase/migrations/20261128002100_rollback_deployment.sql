-- Rolling an environment back to a version it ran before. History stays append-only: a rollback records a
-- new deployment (rollback_of_id = the deployment it undoes) and a NEW deployment_versions row for the old
-- version, pointing at the row it restores; the undone deployment is marked rolled_back. Because every row
-- of deployment_versions marks the moment a version became current, "how long was each version live" is the
-- gap to the environment's next row (deployment_version_history).

alter table public.deployment_versions
  add column restored_from_id uuid references public.deployment_versions (id) on delete set null; -- set by a rollback: the earlier row whose version it made current again
comment on column public.deployment_versions.restored_from_id is 'Set by a rollback: the earlier row whose version it made current again';

-- Security invoker on purpose: the caller's RLS and the deploy guard decide, in one transaction.
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
  -- Locking the current row serializes rollbacks of one environment (operators may update it, so they may lock it).
  select * into _current from public.deployment_versions v where v.environment_id = _env.id and v.is_current for update;
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
revoke execute on function public.rollback_deployment(uuid, uuid, text) from public, anon;
grant execute on function public.rollback_deployment(uuid, uuid, text) to authenticated, service_role;

-- When each version went live and until when (null: still current), for the environment page.
create view public.deployment_version_history with (security_invoker = true) as
select v.id, v.project_id, v.environment_id, v.deployment_id, v.version_tag, v.commit_sha, v.is_current, v.restored_from_id,
  d.deployed_by, d.reason, d.rollback_of_id, d.break_glass,
  v.created_at as live_from,
  lead(v.created_at) over w as live_until,
  coalesce(lead(v.created_at) over w, now()) - v.created_at as live_for
from public.deployment_versions v
left join public.deployments d on d.id = v.deployment_id
window w as (partition by v.environment_id order by v.created_at, v.id);
grant select on public.deployment_version_history to authenticated, service_role;
