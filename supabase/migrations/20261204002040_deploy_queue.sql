-- A deploy that reaches a locked or frozen environment waits in a queue instead of failing. The engine moves
-- the deploy node pending|running → waiting (reason waiting_for_environment) with an enqueue_deploy effect
-- (a deploy_queue row), re-checks every tick, and releases the head of each environment's queue once the
-- environment is open: waiting → running (environment_open) with dequeue_deploy, then deploys as usual.
-- Leaving waiting any other way (cancelling the run) takes the row out of the queue too (a trigger), so a
-- queue never holds a node that no longer waits. Positions are derived by order (deploy_queue_positions).
-- The deploy guard stays the last word: when it refuses an engine deploy because of a lock or a freeze
-- (detail environment_blocked), engine_record_deployment raises OZ003 and the engine queues the node.

create table public.deploy_queue (
  id bigint generated always as identity primary key, -- ties in enqueued_at break by arrival
  project_id uuid not null,
  environment_id uuid not null,
  execution_id uuid not null references public.executions (id) on delete cascade,
  node_id text not null, -- the waiting deploy node (execution_nodes.node_id)
  reason text not null, -- what blocked the environment when the deploy joined (the guard's words)
  enqueued_at timestamptz not null default now(),
  unique (execution_id, node_id),
  foreign key (environment_id, project_id) references public.environments (id, project_id) on delete cascade
);
create index deploy_queue_environment_idx on public.deploy_queue (environment_id, enqueued_at, id);
create index deploy_queue_project_idx on public.deploy_queue (project_id);
comment on table public.deploy_queue is 'Deploy nodes waiting for a locked or frozen environment, in order; written by the engine only';

alter table public.deploy_queue enable row level security;
create policy "Members who may view an environment can read its deploy queue"
on public.deploy_queue for select to authenticated
using ((select private.is_project_member(project_id)) and private.can_act(environment_id, 'view'));
-- No write policies: only the engine (service role, engine_apply) changes the queue.

-- Each waiting deploy with its place in its environment's queue (1 = next to go).
create view public.deploy_queue_positions with (security_invoker = true) as
select q.id, q.project_id, q.environment_id, e.key as environment, q.execution_id, q.node_id, q.reason, q.enqueued_at,
  row_number() over (partition by q.environment_id order by q.enqueued_at, q.id)::integer as position
from public.deploy_queue q join public.environments e on e.id = q.environment_id;

alter publication supabase_realtime add table public.deploy_queue;

-- Legal node changes gain two for deploys only: running → waiting (held by a lock that came mid-rollout)
-- and waiting → running (released from the queue).
create or replace function public.check_node_transition()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if new.status is distinct from old.status and not (
    (old.status = 'pending' and new.status in ('queued', 'running', 'waiting', 'skipped', 'cancelled'))
    or (old.status = 'queued' and new.status in ('running', 'waiting', 'skipped', 'cancelled'))
    or (old.status = 'running' and new.status in ('success', 'failed', 'warning', 'cancelled'))
    or (old.status = 'waiting' and new.status in ('success', 'failed', 'cancelled'))
    or (new.kind = 'deploy' and old.status = 'running' and new.status = 'waiting')
    or (new.kind = 'deploy' and old.status = 'waiting' and new.status = 'running')
  ) then
    raise exception 'node % cannot go from % to %', old.node_id, old.status, new.status using errcode = 'check_violation';
  end if;
  return new;
end
$$;

-- A deploy node that stops waiting, however (released, cancelled, failed), leaves the queue.
create or replace function public.leave_deploy_queue()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  delete from public.deploy_queue q where q.execution_id = new.execution_id and q.node_id = new.node_id;
  return null;
end
$$;
revoke execute on function public.leave_deploy_queue() from public, anon, authenticated;
create trigger execution_nodes_leave_deploy_queue after update of status on public.execution_nodes
for each row when (old.status = 'waiting' and new.status <> 'waiting' and new.kind = 'deploy')
execute function public.leave_deploy_queue();

-- As in 20261128002040, except that a refusal for a lock or a freeze (the guard's detail environment_blocked)
-- is OZ003: the engine queues the node instead of failing it. Other refusals stay OZ002.
create or replace function public.engine_record_deployment(_run public.executions, _node public.execution_nodes, _effect jsonb, _at timestamptz)
returns void
language plpgsql security definer
set search_path = ''
as $$
declare
  _env public.environments;
  _request uuid;
  _deployment uuid;
  _detail text;
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
    get stacked diagnostics _detail = pg_exception_detail;
    if _detail = 'environment_blocked' then
      raise exception '%', sqlerrm using errcode = 'OZ003', detail = _node.node_id;
    end if;
    perform public.engine_refuse(_node, sqlerrm);
  end;
  insert into public.deployment_versions (project_id, environment_id, deployment_id, version_tag, commit_sha, is_current)
  values (_run.project_id, _env.id, _deployment, _effect ->> 'version', _run.commit_sha, true);
  perform public.engine_log(_node, format('Deployed %s to %s (%s)', _effect ->> 'version', _env.key, _effect ->> 'strategy'));
end
$$;

-- As in 20261128002020, plus the queue's two effects:
-- enqueue_deploy {environment, message}: the node joins its environment's queue and logs why and where;
-- dequeue_deploy {environment}: the node left the queue (the trigger above removed its row); its rollout
-- clock restarts now (started_at) and what kept it is cleared from its output, keeping how long it waited.
create or replace function public.engine_effect(_run public.executions, _node public.execution_nodes, _effect jsonb, _at timestamptz)
returns void
language plpgsql security definer
set search_path = ''
as $$
declare
  _env_id uuid;
  _required integer;
  _written integer;
  _position integer;
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
  when 'enqueue_deploy' then
    select e.id into _env_id from public.environments e where e.project_id = _run.project_id and e.key = _effect ->> 'environment';
    if _env_id is null then
      perform public.engine_refuse(_node, format('environment %s does not exist in this project', _effect ->> 'environment'));
    end if;
    insert into public.deploy_queue (project_id, environment_id, execution_id, node_id, reason, enqueued_at)
    values (_run.project_id, _env_id, _run.id, _node.node_id, coalesce(_effect ->> 'message', 'environment closed'), _at)
    on conflict (execution_id, node_id) do nothing;
    select p.position into _position from public.deploy_queue_positions p where p.execution_id = _run.id and p.node_id = _node.node_id;
    perform public.engine_log(_node, format('Waiting for %s (position %s): %s', _effect ->> 'environment', _position,
      coalesce(_effect ->> 'message', 'environment closed')), 'warn');
  when 'dequeue_deploy' then
    update public.execution_nodes n set started_at = _at,
      output = (coalesce(n.output, '{}'::jsonb) - 'reason' - 'detail')
        || jsonb_build_object('queued_ms', greatest(0, (extract(epoch from _at - _node.started_at) * 1000)::integer))
    where n.id = _node.id;
    perform public.engine_log(_node, format('%s is open: deploying', _effect ->> 'environment'));
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

revoke execute on function public.engine_record_deployment(public.executions, public.execution_nodes, jsonb, timestamptz),
  public.engine_effect(public.executions, public.execution_nodes, jsonb, timestamptz)
  from public, anon, authenticated, service_role;
