-- Deploys into one environment from concurrent runs deadlocked: each insert took a key-share lock on the
-- environment row (foreign keys), then making the version current asked for the row's update lock. The
-- engine now takes the update lock first, so deploys into one environment queue instead.

create or replace function public.engine_record_deployment(_run public.executions, _node public.execution_nodes, _effect jsonb, _at timestamptz)
returns void
language plpgsql security definer
set search_path = ''
as $$
declare
  _env public.environments;
  _request uuid;
  _deployment uuid;
begin
  select * into _env from public.environments e where e.project_id = _run.project_id and e.key = _effect ->> 'environment'
  for update;
  if not found then
    perform public.engine_refuse(_node, format('environment %s does not exist in this project', _effect ->> 'environment'));
  end if;
  select r.id into _request from public.approval_requests r
  where r.execution_id = _run.id and r.environment_id = _env.id and r.status = 'approved'
  order by r.resolved_at desc nulls last limit 1;
  begin
    insert into public.deployments (project_id, environment_id, execution_id, approval_request_id, version, status,
      strategy, deployed_by, reason, started_at, finished_at)
    values (_run.project_id, _env.id, _run.id, _request, _effect ->> 'version', 'success',
      (_effect ->> 'strategy')::public.deploy_strategy, _run.started_by, format('Deployed by run %s', _run.name),
      coalesce(_node.started_at, _at), _at)
    returning id into _deployment;
  exception when insufficient_privilege or check_violation or foreign_key_violation then
    perform public.engine_refuse(_node, sqlerrm);
  end;
  insert into public.deployment_versions (project_id, environment_id, deployment_id, version_tag, commit_sha, is_current)
  values (_run.project_id, _env.id, _deployment, _effect ->> 'version', _run.commit_sha, true);
  perform public.engine_log(_node, format('Deployed %s to %s (%s)', _effect ->> 'version', _env.key, _effect ->> 'strategy'));
end
$$;

create or replace function public.engine_rollback_deployment(_run public.executions, _node public.execution_nodes, _effect jsonb, _at timestamptz)
returns void
language plpgsql security definer
set search_path = ''
as $$
declare
  _env public.environments;
  _current public.deployment_versions;
  _target text := _effect ->> 'to_version';
  _deployment uuid;
begin
  select * into _env from public.environments e where e.project_id = _run.project_id and e.key = _effect ->> 'environment'
  for update;
  if not found then
    perform public.engine_refuse(_node, format('environment %s does not exist in this project', _effect ->> 'environment'));
  end if;
  select * into _current from public.deployment_versions v where v.environment_id = _env.id and v.is_current;
  if _target is null then
    select v.version_tag into _target from public.deployment_versions v
    where v.environment_id = _env.id and not v.is_current and v.version_tag is distinct from _current.version_tag
    order by v.created_at desc limit 1;
  end if;
  if _target is null or _target = _current.version_tag then
    perform public.engine_log(_node, format('Nothing to roll back to in %s', _env.key), 'warn');
    return;
  end if;
  begin
    insert into public.deployments (project_id, environment_id, execution_id, version, status, deployed_by, reason,
      rollback_of_id, started_at, finished_at)
    values (_run.project_id, _env.id, _run.id, _target, 'success', _run.started_by,
      format('Rolled back by run %s', _run.name), _current.deployment_id, coalesce(_node.started_at, _at), _at)
    returning id into _deployment;
  exception when insufficient_privilege or check_violation or foreign_key_violation then
    perform public.engine_refuse(_node, sqlerrm);
  end;
  update public.deployments d set status = 'rolled_back' where d.id = _current.deployment_id;
  insert into public.deployment_versions (project_id, environment_id, deployment_id, version_tag, is_current)
  values (_run.project_id, _env.id, _deployment, _target, true);
  perform public.engine_log(_node, format('Rolled %s back from %s to %s', _env.key, coalesce(_current.version_tag, 'nothing'), _target));
end
$$;
