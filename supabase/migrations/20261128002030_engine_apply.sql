-- engine_apply: applies one engine tick (supabase/functions/_shared/pipeline/engine.ts returns transitions as
-- data) atomically. Each transition is a conditional update (... where status = from); its state event and
-- its effects happen only with it. When any update matches nothing another instance moved first: the whole
-- call raises OZ001 and rolls back, and the caller re-reads and recomputes. A deploy the guard refuses
-- raises OZ002 (detail: the node id, message: the guard's words) so the caller fails that node instead.
-- Callable by service_role only (edge functions), through PostgREST rpc: works unchanged on hosted Supabase.

create or replace function public.engine_apply(
  _execution_id uuid,
  _transitions jsonb,
  _logs jsonb default '[]'::jsonb, -- streamed lines: [{node_id, after: lines already written, lines: [...]}]
  _actor uuid default null -- the person the transitions are made for (who cancelled), else the engine
)
returns jsonb
language plpgsql security definer
set search_path = ''
as $$
declare
  _run public.executions;
  _node public.execution_nodes;
  _t jsonb;
  _e jsonb;
  _at timestamptz;
  _to text;
  _reason text;
  _applied integer := 0;
  _lines integer := 0;
  _total integer;
  _done integer;
  _failed text;
begin
  -- One apply per execution at a time: the others wait here, then find their from-states gone.
  select * into _run from public.executions e where e.id = _execution_id for update;
  if not found then
    raise exception 'execution % does not exist', _execution_id using errcode = 'no_data_found';
  end if;
  perform set_config('opzenix.transition_actor', coalesce(_actor::text, ''), true);

  for _t in select value from jsonb_array_elements(_transitions) loop
    _at := (_t ->> 'at')::timestamptz;
    _to := _t ->> 'to';
    _reason := (_t ->> 'reason') || coalesce(': ' || (_t ->> 'detail'), '');
    if _t ->> 'scope' = 'execution' then
      perform set_config('opzenix.transition_reason', _reason, true);
      update public.executions e set status = _to::public.execution_status,
        started_at = case when _to = 'running' then coalesce(e.started_at, _at) else e.started_at end,
        finished_at = case when _to in ('success', 'warning', 'failed', 'cancelled') then _at else e.finished_at end,
        error_message = case
          when _to = 'cancelled' then coalesce('Cancelled: ' || (_t ->> 'detail'), 'Cancelled')
          else e.error_message end
      where e.id = _execution_id and e.status = (_t ->> 'from')::public.execution_status
      returning * into _run;
      if not found then
        raise exception 'execution % is no longer %', _execution_id, _t ->> 'from' using errcode = 'OZ001';
      end if;
      perform set_config('opzenix.transition_reason', '', true);
    else
      update public.execution_nodes n set status = _to::public.node_status,
        started_at = case when n.status = 'pending' and _to in ('running', 'waiting') then _at else n.started_at end,
        finished_at = case when _to in ('success', 'warning', 'failed', 'skipped', 'cancelled') then _at else n.finished_at end,
        duration_ms = case when _to in ('success', 'warning', 'failed', 'cancelled') and n.started_at is not null
          then greatest(0, (extract(epoch from _at - n.started_at) * 1000)::integer) else n.duration_ms end,
        output = case when _t ? 'detail' or _to in ('failed', 'skipped')
          then coalesce(n.output, '{}'::jsonb) || jsonb_build_object('reason', _t ->> 'reason', 'detail', _t ->> 'detail')
          else n.output end
      where n.execution_id = _execution_id and n.node_id = _t ->> 'nodeId' and n.status = (_t ->> 'from')::public.node_status
      returning * into _node;
      if not found then
        raise exception 'node % of execution % is no longer %', _t ->> 'nodeId', _execution_id, _t ->> 'from' using errcode = 'OZ001';
      end if;
      insert into public.execution_state_events (execution_id, project_id, node_id, old_state, new_state, reason, actor_id, created_at)
      values (_execution_id, _run.project_id, _node.node_id, _t ->> 'from', _to, _reason, _actor, _at);
      if _to in ('failed', 'warning') and _t ? 'detail' and not (_t -> 'effects' @> '[{"type": "write_logs"}]') then
        perform public.engine_log(_node, format('%s: %s', _t ->> 'reason', _t ->> 'detail'),
          case when _to = 'failed' then 'error' else 'warn' end::public.log_level);
      end if;
      for _e in select value from jsonb_array_elements(coalesce(_t -> 'effects', '[]'::jsonb)) loop
        perform public.engine_effect(_run, _node, _e, _at);
      end loop;
    end if;
    _applied := _applied + 1;
  end loop;

  -- Streamed lines of running simulated steps: the cursor update makes each line appear exactly once.
  for _e in select value from jsonb_array_elements(_logs) loop
    update public.execution_nodes n set log_lines_written = (_e ->> 'after')::integer + jsonb_array_length(_e -> 'lines')
    where n.execution_id = _execution_id and n.node_id = _e ->> 'node_id' and n.status = 'running'
      and n.log_lines_written = (_e ->> 'after')::integer
    returning * into _node;
    if found then
      insert into public.execution_logs (execution_id, project_id, node_id, level, message, metadata)
      select _execution_id, _run.project_id, _node.node_id, 'info', l.line, '{"simulated": true}'::jsonb
      from jsonb_array_elements_text(_e -> 'lines') with ordinality as l (line, ord) order by l.ord;
      _lines := _lines + jsonb_array_length(_e -> 'lines');
    end if;
  end loop;

  select count(*), count(*) filter (where n.status in ('success', 'warning', 'failed', 'skipped', 'cancelled'))
  into _total, _done from public.execution_nodes n where n.execution_id = _execution_id;
  if _run.status = 'failed' then
    select format('Node "%s" failed: %s', n.name, coalesce(n.output ->> 'detail', n.output ->> 'reason', 'see its logs'))
    into _failed from public.execution_nodes n
    where n.execution_id = _execution_id and n.status = 'failed' order by n.finished_at limit 1;
  end if;
  update public.executions e set
    progress = case when _total = 0 then 100 else round(100.0 * _done / _total)::integer end,
    error_message = coalesce(e.error_message, _failed)
  where e.id = _execution_id
    and (e.progress is distinct from case when _total = 0 then 100 else round(100.0 * _done / _total)::integer end
      or (_failed is not null and e.error_message is null));
  select * into _run from public.executions e where e.id = _execution_id;

  return jsonb_build_object('applied', _applied, 'log_lines', _lines, 'status', _run.status, 'progress', _run.progress);
end
$$;

revoke execute on function public.engine_apply(uuid, jsonb, jsonb, uuid) from public, anon, authenticated;
grant execute on function public.engine_apply(uuid, jsonb, jsonb, uuid) to service_role;

-- Environments a deploy may not enter now (locked, or inside a freeze window), with the guard's wording.
-- The engine fails deploys into them up front; the guard trigger stays the last word.
create or replace function public.engine_blocked_environments(_project_ids uuid[])
returns table (project_id uuid, environment text, message text)
language sql stable security definer
set search_path = ''
as $$
  select e.project_id, e.key, format('environment %s is locked: %s', e.key, coalesce(l.lock_reason, 'no reason given'))
  from public.environments e
  join public.environment_locks l on l.environment_id = e.id and l.is_locked
  where e.project_id = any (_project_ids)
  union all
  select e.project_id, e.key, format('environment %s is frozen until %s: %s', e.key, f.ends_at, f.reason)
  from public.freeze_windows f
  join public.environments e on e.project_id = f.project_id and (f.environment_id is null or f.environment_id = e.id)
  where f.project_id = any (_project_ids) and now() >= f.starts_at and now() < f.ends_at
$$;

revoke execute on function public.engine_blocked_environments(uuid[]) from public, anon, authenticated;
grant execute on function public.engine_blocked_environments(uuid[]) to service_role;
