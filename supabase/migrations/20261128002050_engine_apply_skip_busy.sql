-- engine_apply gains _skip_if_busy: with two scheduler ticks in flight (pg_net does not wait), the second one
-- used to queue behind the first on the run's row lock, then find every from-state gone and recompute. Now a
-- tick steps aside at once and the run is advanced by whoever holds it. The lock is "no key update", which
-- inserts of logs and deployments (key share, through their foreign keys) do not wait for.

drop function if exists public.engine_apply(uuid, jsonb, jsonb, uuid);

create or replace function public.engine_apply(
  _execution_id uuid,
  _transitions jsonb,
  _logs jsonb default '[]'::jsonb, -- streamed lines: [{node_id, after: lines already written, lines: [...]}]
  _actor uuid default null, -- the person the transitions are made for (who cancelled), else the engine
  _skip_if_busy boolean default false -- a scheduler tick: when another apply holds the run, leave it to that one
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
  -- One apply per execution at a time: the others wait here (then find their from-states gone), or, for a
  -- scheduler tick, step aside at once and report busy.
  if _skip_if_busy then
    select * into _run from public.executions e where e.id = _execution_id for no key update skip locked;
    if not found then
      if exists (select 1 from public.executions e where e.id = _execution_id) then
        return jsonb_build_object('busy', true, 'applied', 0, 'log_lines', 0);
      end if;
      raise exception 'execution % does not exist', _execution_id using errcode = 'no_data_found';
    end if;
  else
    select * into _run from public.executions e where e.id = _execution_id for no key update;
    if not found then
      raise exception 'execution % does not exist', _execution_id using errcode = 'no_data_found';
    end if;
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

revoke execute on function public.engine_apply(uuid, jsonb, jsonb, uuid, boolean) from public, anon, authenticated;
grant execute on function public.engine_apply(uuid, jsonb, jsonb, uuid, boolean) to service_role;
