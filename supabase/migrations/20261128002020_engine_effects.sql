-- The side effects of engine transitions, performed in SQL inside the transaction that applies them (see
-- engine_apply): approval requests opened and closed, deployments recorded through the deploy guard, logs,
-- checkpoints, notifications. Internal: only engine_apply calls these.

-- One log line for a node; simulated steps' lines say so in metadata.
create or replace function public.engine_log(_node public.execution_nodes, _message text, _level public.log_level default 'info', _metadata jsonb default null)
returns void
language plpgsql security definer
set search_path = ''
as $$
begin
  insert into public.execution_logs (execution_id, project_id, node_id, level, message, metadata)
  values (_node.execution_id, _node.project_id, _node.node_id, _level, _message,
    coalesce(_metadata, case when _node.config -> 'executor' ->> 'type' = 'simulated' then '{"simulated": true}'::jsonb end));
end
$$;

-- The deploy guard's refusal, raised so the engine fails the node with the guard's words (and rolls back).
create or replace function public.engine_refuse(_node public.execution_nodes, _message text)
returns void
language plpgsql
set search_path = ''
as $$
begin
  raise exception '%', _message using errcode = 'OZ002', detail = _node.node_id;
end
$$;

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
  select * into _env from public.environments e where e.project_id = _run.project_id and e.key = _effect ->> 'environment';
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
  select * into _env from public.environments e where e.project_id = _run.project_id and e.key = _effect ->> 'environment';
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

-- Performs one effect of a transition that has just been applied to _node.
create or replace function public.engine_effect(_run public.executions, _node public.execution_nodes, _effect jsonb, _at timestamptz)
returns void
language plpgsql security definer
set search_path = ''
as $$
declare
  _env_id uuid;
  _required integer;
  _written integer;
  _finished_level public.log_level := case _node.status when 'failed' then 'error' when 'warning' then 'warn' else 'info' end;
begin
  case _effect ->> 'type'
  when 'request_approval' then
    select e.id into _env_id from public.environments e where e.project_id = _run.project_id and e.key = _effect ->> 'environment';
    insert into public.approval_requests (execution_id, project_id, node_id, environment_id, title, required_approvals, expires_at, requested_by)
    values (_run.id, _run.project_id, _node.node_id, _env_id, format('%s: %s', _run.name, _node.name),
      (_effect ->> 'required_approvals')::integer, (_effect ->> 'expires_at')::timestamptz, _run.started_by)
    on conflict (execution_id, node_id) do nothing
    returning required_approvals into _required;
    perform public.engine_log(_node, format('Waiting for %s approval(s)%s', coalesce(_required, (_effect ->> 'required_approvals')::integer),
      coalesce(' for ' || (_effect ->> 'environment'), '')));
  when 'close_approval' then
    if _effect ->> 'outcome' in ('expired', 'cancelled') then
      update public.approval_requests r set status = (_effect ->> 'outcome')::public.approval_status, resolved_at = _at
      where r.execution_id = _run.id and r.node_id = _node.node_id and r.status = 'pending';
    end if;
    perform public.engine_log(_node, format('Approval %s', _effect ->> 'outcome'), case when _effect ->> 'outcome' = 'approved' then 'info' else 'warn' end::public.log_level);
  when 'record_deployment' then
    perform public.engine_record_deployment(_run, _node, _effect, _at);
  when 'rollback_deployment' then
    perform public.engine_rollback_deployment(_run, _node, _effect, _at);
  when 'write_logs' then
    -- A finished step's lines: those not streamed yet, the last one at the step's outcome level.
    _written := (select n.log_lines_written from public.execution_nodes n where n.id = _node.id);
    insert into public.execution_logs (execution_id, project_id, node_id, level, message, metadata)
    select _node.execution_id, _node.project_id, _node.node_id,
      case when l.ord = jsonb_array_length(_effect -> 'lines') then _finished_level else 'info' end, l.line,
      case when _node.config -> 'executor' ->> 'type' = 'simulated' then '{"simulated": true}'::jsonb end
    from jsonb_array_elements_text(_effect -> 'lines') with ordinality as l (line, ord)
    where l.ord > _written
    order by l.ord;
    update public.execution_nodes n set log_lines_written = greatest(_written, jsonb_array_length(_effect -> 'lines')) where n.id = _node.id;
  when 'log' then
    insert into public.execution_logs (execution_id, project_id, node_id, level, message, metadata)
    select _node.execution_id, _node.project_id, _node.node_id, coalesce(_effect ->> 'level', 'info')::public.log_level, l.line, _effect -> 'metadata'
    from jsonb_array_elements_text(_effect -> 'lines') with ordinality as l (line, ord)
    order by l.ord;
  when 'snapshot_checkpoint' then
    insert into public.checkpoints (execution_id, project_id, node_id, name, state, created_by)
    select _run.id, _run.project_id, _node.node_id, coalesce(_effect ->> 'label', _node.name),
      jsonb_build_object('version', _run.version, 'at', _at, 'nodes',
        coalesce(jsonb_object_agg(n.node_id, jsonb_build_object('status', n.status, 'output', n.output)), '{}'::jsonb)),
      _run.started_by
    from public.execution_nodes n
    where n.execution_id = _run.id and n.status in ('success', 'warning', 'skipped');
    perform public.engine_log(_node, format('Checkpoint saved: %s', coalesce(_effect ->> 'label', _node.name)));
  when 'notify' then
    if _run.started_by is not null then
      insert into public.notification_events (user_id, project_id, type, target, payload)
      values (_run.started_by, _run.project_id, 'pipeline_notify', _effect ->> 'channel',
        jsonb_build_object('execution_id', _run.id, 'execution_name', _run.name, 'node_id', _node.node_id, 'message', _effect ->> 'message'));
    end if;
    perform public.engine_log(_node, format('Notified (%s): %s', _effect ->> 'channel', _effect ->> 'message'));
  else
    raise exception 'unknown engine effect %', _effect ->> 'type' using errcode = 'invalid_parameter_value';
  end case;
end
$$;

revoke execute on function public.engine_log(public.execution_nodes, text, public.log_level, jsonb),
  public.engine_refuse(public.execution_nodes, text),
  public.engine_record_deployment(public.executions, public.execution_nodes, jsonb, timestamptz),
  public.engine_rollback_deployment(public.executions, public.execution_nodes, jsonb, timestamptz),
  public.engine_effect(public.executions, public.execution_nodes, jsonb, timestamptz)
  from public, anon, authenticated, service_role;
