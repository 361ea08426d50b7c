-- The control tower home: KPI counts, runs per day, and the project's activity feed. All three are
-- security invoker, so RLS decides what they count and return (a caller outside the project gets zeros and an
-- empty feed, never someone else's numbers).

-- Running (queued or running), waiting for approval (pending, not expired), and the last 7 days by finish time:
-- succeeded (success or warning), failed, and finished (every terminal status, cancelled included).
create or replace function public.control_tower_kpis(_project_id uuid)
returns json
language sql stable security invoker
set search_path = ''
as $$
  select json_build_object(
    'running', count(*) filter (where e.status in ('queued', 'running')),
    'succeeded_7d', count(*) filter (where e.status in ('success', 'warning') and e.finished_at >= now() - interval '7 days'),
    'failed_7d', count(*) filter (where e.status = 'failed' and e.finished_at >= now() - interval '7 days'),
    'finished_7d', count(*) filter (where e.status in ('success', 'warning', 'failed', 'cancelled') and e.finished_at >= now() - interval '7 days'),
    'waiting', (
      select count(*) from public.approval_requests a
      where a.project_id = _project_id and a.status = 'pending' and (a.expires_at is null or a.expires_at > now())
    )
  )
  from public.executions e
  where e.project_id = _project_id
    and (e.status in ('queued', 'running') or e.finished_at >= now() - interval '7 days')
$$;
comment on function public.control_tower_kpis(uuid) is 'Home KPIs of a project as the caller may see them (RLS applies)';

-- One row per day (oldest first, days without runs included) of runs finished that day in the caller's time zone.
create or replace function public.control_tower_runs_per_day(_project_id uuid, _days integer default 14, _time_zone text default 'UTC')
returns table (day date, success bigint, warning bigint, failed bigint, cancelled bigint)
language plpgsql stable security invoker
set search_path = ''
as $$
begin
  if _days is null or _days not between 1 and 90 then
    raise exception 'days must be between 1 and 90' using errcode = 'invalid_parameter_value';
  end if;
  if not exists (select 1 from pg_catalog.pg_timezone_names where name = _time_zone) then
    raise exception 'unknown time zone %', _time_zone using errcode = 'invalid_parameter_value';
  end if;
  return query
  with days as (
    select (generate_series(0, _days - 1) * -1 + (now() at time zone _time_zone)::date)::date as day
  ), runs as (
    select (e.finished_at at time zone _time_zone)::date as day, e.status
    from public.executions e
    where e.project_id = _project_id
      and e.finished_at >= ((now() at time zone _time_zone)::date - (_days - 1))::timestamp at time zone _time_zone
  )
  select d.day,
    count(r.status) filter (where r.status = 'success'),
    count(r.status) filter (where r.status = 'warning'),
    count(r.status) filter (where r.status = 'failed'),
    count(r.status) filter (where r.status = 'cancelled')
  from days d left join runs r on r.day = d.day
  group by d.day
  order by d.day;
end
$$;
comment on function public.control_tower_runs_per_day(uuid, integer, text) is 'Finished runs per day by status, for the home chart (RLS applies)';

-- The feed merges three sources every member may read: run status changes (execution_state_events of the run
-- itself, not its nodes), approval votes and deployments. `key` orders rows that share a timestamp and is the
-- second half of the keyset cursor (_before_at, _before_key) for "load more".
create or replace function public.project_activity(
  _project_id uuid, _limit integer default 20, _before_at timestamptz default null, _before_key text default null)
returns table (
  key text, kind text, at timestamptz, execution_id uuid, execution_name text, environment_key text,
  old_state text, new_state text, detail text, title text, version text, is_rollback boolean, actor_id uuid, actor_name text)
language plpgsql stable security invoker
set search_path = ''
as $$
begin
  if _limit is null or _limit not between 1 and 100 then
    raise exception 'limit must be between 1 and 100' using errcode = 'invalid_parameter_value';
  end if;
  if (_before_at is null) <> (_before_key is null) then
    raise exception 'before_at and before_key go together' using errcode = 'invalid_parameter_value';
  end if;
  return query
  select f.* from (
    (select 'execution:' || lpad(ev.id::text, 19, '0'), 'execution'::text, ev.created_at, ev.execution_id, ex.name,
       env.key, ev.old_state, ev.new_state, ev.reason, null::text, null::text, false, ev.actor_id, p.full_name
     from public.execution_state_events ev
     join public.executions ex on ex.id = ev.execution_id
     left join public.environments env on env.id = ex.environment_id
     left join public.profiles p on p.id = ev.actor_id
     where ev.project_id = _project_id and ev.node_id is null
       and (_before_at is null or (ev.created_at, 'execution:' || lpad(ev.id::text, 19, '0')) < (_before_at, _before_key))
     order by ev.created_at desc, ev.id desc
     limit _limit)
    union all
    (select 'vote:' || v.id::text, 'vote'::text, v.created_at, r.execution_id, ex.name,
       env.key, r.status::text, v.vote::text, v.comment, r.title, null::text, false, v.user_id, p.full_name
     from public.approval_votes v
     join public.approval_requests r on r.id = v.approval_request_id
     left join public.executions ex on ex.id = r.execution_id
     left join public.environments env on env.id = r.environment_id
     left join public.profiles p on p.id = v.user_id
     where v.project_id = _project_id
       and (_before_at is null or (v.created_at, 'vote:' || v.id::text) < (_before_at, _before_key))
     order by v.created_at desc, v.id desc
     limit _limit)
    union all
    (select 'deployment:' || d.id::text, 'deployment'::text, d.created_at, d.execution_id, ex.name,
       env.key, null::text, d.status::text, d.reason, null::text, d.version, d.rollback_of_id is not null, d.deployed_by, p.full_name
     from public.deployments d
     join public.environments env on env.id = d.environment_id
     left join public.executions ex on ex.id = d.execution_id
     left join public.profiles p on p.id = d.deployed_by
     where d.project_id = _project_id
       and (_before_at is null or (d.created_at, 'deployment:' || d.id::text) < (_before_at, _before_key))
     order by d.created_at desc, d.id desc
     limit _limit)
  ) as f (key, kind, at, execution_id, execution_name, environment_key, old_state, new_state, detail, title, version, is_rollback, actor_id, actor_name)
  order by f.at desc, f.key desc
  limit _limit;
end
$$;
comment on function public.project_activity(uuid, integer, timestamptz, text) is
  'A project''s activity (run status changes, approval votes, deployments), newest first, keyset-paginated (RLS applies)';

-- The feed reads a project's run-level events newest first.
create index if not exists execution_state_events_project_runs_idx
  on public.execution_state_events (project_id, created_at desc) where node_id is null;
create index if not exists approval_votes_project_created_idx on public.approval_votes (project_id, created_at desc);

revoke execute on function public.control_tower_kpis(uuid) from public, anon;
revoke execute on function public.control_tower_runs_per_day(uuid, integer, text) from public, anon;
revoke execute on function public.project_activity(uuid, integer, timestamptz, text) from public, anon;
grant execute on function public.control_tower_kpis(uuid) to authenticated, service_role;
grant execute on function public.control_tower_runs_per_day(uuid, integer, text) to authenticated, service_role;
grant execute on function public.project_activity(uuid, integer, timestamptz, text) to authenticated, service_role;
