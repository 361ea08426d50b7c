-- Dashboard widgets (issue 6): every figure a widget shows, computed from executions, deployments,
-- approval_requests and connection_health_events for a project over the last _days days. Security invoker:
-- RLS decides what is counted (a caller outside the project's organization gets zeros and empty lists).
--
-- executions_by_status: runs created in the window, by their current status.
-- success_rate: runs finished in the window; succeeded = success or warning; finished = success, warning,
--   failed or cancelled (the same counting as control_tower_kpis).
-- duration_trend: per day (in _time_zone) of runs finished in the window that had started: their count and
--   median and longest duration in seconds; days without runs are included with nulls.
-- deployments_per_environment: every environment in promotion order with its deployments started in the
--   window, by status.
-- approvals_waiting: pending requests that have not expired, and the oldest one's creation time.
-- connection_health: the organization's connections with their latest check, and the window's checks
--   (all, healthy) from connection_health_events.
create or replace function public.dashboard_figures(_project_id uuid, _days integer default 7, _time_zone text default 'UTC')
returns json
language plpgsql stable security invoker
set search_path = ''
as $$
declare
  _from timestamptz;
  _first_day date;
begin
  if _days is null or _days not between 1 and 90 then
    raise exception 'days must be between 1 and 90' using errcode = 'invalid_parameter_value';
  end if;
  if not exists (select 1 from pg_catalog.pg_timezone_names where name = _time_zone) then
    raise exception 'unknown time zone %', _time_zone using errcode = 'invalid_parameter_value';
  end if;
  _first_day := (now() at time zone _time_zone)::date - (_days - 1);
  _from := _first_day::timestamp at time zone _time_zone;
  return json_build_object(
    'window_days', _days,
    'from', _from,
    'executions_by_status', (
      select coalesce(json_object_agg(s.status, s.n), '{}'::json) from (
        select e.status, count(*) as n from public.executions e
        where e.project_id = _project_id and e.created_at >= _from group by e.status
      ) s),
    'success_rate', (
      select json_build_object(
        'succeeded', count(*) filter (where e.status in ('success', 'warning')),
        'failed', count(*) filter (where e.status = 'failed'),
        'finished', count(*))
      from public.executions e
      where e.project_id = _project_id and e.finished_at >= _from
        and e.status in ('success', 'warning', 'failed', 'cancelled')),
    'duration_trend', (
      select coalesce(json_agg(json_build_object('day', d.day, 'runs', d.runs, 'median_seconds', d.median_seconds,
        'max_seconds', d.max_seconds) order by d.day), '[]'::json)
      from (
        select g.day::date as day, count(r.seconds) as runs,
          percentile_cont(0.5) within group (order by r.seconds) as median_seconds, max(r.seconds) as max_seconds
        from generate_series(_first_day, (now() at time zone _time_zone)::date, interval '1 day') as g (day)
        left join (
          select (e.finished_at at time zone _time_zone)::date as day, extract(epoch from e.finished_at - e.started_at)::double precision as seconds
          from public.executions e
          where e.project_id = _project_id and e.finished_at >= _from and e.started_at is not null
            and e.status in ('success', 'warning', 'failed', 'cancelled')
        ) r on r.day = g.day::date
        group by g.day
      ) d),
    'deployments_per_environment', (
      select coalesce(json_agg(json_build_object('environment_id', env.id, 'key', env.key, 'name', env.display_name,
        'success', c.success, 'failed', c.failed, 'rolled_back', c.rolled_back, 'other', c.other, 'total', c.total)
        order by env.position), '[]'::json)
      from public.environments env
      cross join lateral (
        select count(*) filter (where d.status = 'success') as success,
          count(*) filter (where d.status = 'failed') as failed,
          count(*) filter (where d.status = 'rolled_back') as rolled_back,
          count(*) filter (where d.status in ('pending', 'in_progress', 'cancelled')) as other,
          count(*) as total
        from public.deployments d
        where d.environment_id = env.id and d.project_id = _project_id and d.started_at >= _from
      ) c
      where env.project_id = _project_id),
    'approvals_waiting', (
      select json_build_object('waiting', count(*), 'oldest_at', min(a.created_at))
      from public.approval_requests a
      where a.project_id = _project_id and a.status = 'pending' and (a.expires_at is null or a.expires_at > now())),
    'connection_health', (
      select coalesce(json_agg(json_build_object('id', c.id, 'name', c.name, 'type', c.type, 'status', c.status,
        'last_status', latest.status, 'last_checked_at', latest.checked_at, 'last_response_ms', latest.response_time_ms,
        'checks', w.checks, 'healthy_checks', w.healthy) order by c.name), '[]'::json)
      from public.connections c
      join public.projects p on p.organization_id = c.organization_id and p.id = _project_id
      left join lateral (
        select h.status, h.checked_at, h.response_time_ms from public.connection_health_events h
        where h.connection_id = c.id order by h.checked_at desc limit 1
      ) latest on true
      cross join lateral (
        select count(*) as checks, count(*) filter (where h.status = 'healthy') as healthy
        from public.connection_health_events h
        where h.connection_id = c.id and h.checked_at >= _from
      ) w)
  );
end
$$;
comment on function public.dashboard_figures(uuid, integer, text) is 'Every dashboard widget''s figures for a project over the last days (RLS applies)';

-- Snapshots the 7-day figures into widget_metrics (one row per figure; labels say which slice), so trend lines
-- can be drawn from history. Runs with the owner's rights (widget_metrics is not writable by users), so it
-- checks the caller itself: the service role (scheduler, edge functions) or an operator of the project.
create or replace function public.refresh_widget_metrics(_project_id uuid)
returns integer
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  _f json;
  _now timestamptz := now();
  _rows integer;
begin
  if coalesce(auth.role(), '') <> 'service_role' and not public.project_role_at_least(_project_id, 'operator') then
    raise exception 'only operators of the project may snapshot its widget metrics' using errcode = '42501';
  end if;
  _f := public.dashboard_figures(_project_id, 7, 'UTC');
  insert into public.widget_metrics (project_id, widget_type, metric_name, metric_value, labels, recorded_at)
  select _project_id, 'executions_by_status', 'runs', s.value::text::double precision, jsonb_build_object('status', s.key), _now
  from json_each(_f -> 'executions_by_status') s
  union all
  select _project_id, 'success_rate', m.name, m.value, '{}'::jsonb, _now
  from (values
    ('succeeded', (_f #>> '{success_rate,succeeded}')::double precision),
    ('finished', (_f #>> '{success_rate,finished}')::double precision),
    ('success_rate', (_f #>> '{success_rate,succeeded}')::double precision / nullif((_f #>> '{success_rate,finished}')::double precision, 0))
  ) m (name, value)
  where m.value is not null
  union all
  select _project_id, 'duration_trend', 'median_seconds', (d ->> 'median_seconds')::double precision, jsonb_build_object('day', d ->> 'day'), _now
  from json_array_elements(_f -> 'duration_trend') d
  where d ->> 'median_seconds' is not null
  union all
  select _project_id, 'deployments_per_environment', 'deployments', (e ->> s.status)::double precision,
    jsonb_build_object('environment', e ->> 'key', 'status', s.status), _now
  from json_array_elements(_f -> 'deployments_per_environment') e
  cross join (values ('success'), ('failed'), ('rolled_back'), ('other')) s (status)
  union all
  select _project_id, 'approvals_waiting', 'waiting', (_f #>> '{approvals_waiting,waiting}')::double precision, '{}'::jsonb, _now
  union all
  select _project_id, 'connection_health', 'connections', count(*)::double precision, jsonb_build_object('status', c ->> 'status'), _now
  from json_array_elements(_f -> 'connection_health') c
  group by c ->> 'status';
  get diagnostics _rows = row_count;
  return _rows;
end
$$;
comment on function public.refresh_widget_metrics(uuid) is 'Snapshots a project''s 7-day dashboard figures into widget_metrics (service role or project operators)';

-- DORA's metrics per day or week of a window, each bucket computed by dora_metrics itself, so the trend and
-- the headline figure can never disagree on definitions. Buckets start at _from; the last one ends at _to.
create or replace function public.dora_metrics_series(
  _project_id uuid, _from timestamptz, _to timestamptz, _bucket text default 'day', _environment_id uuid default null)
returns table (bucket_start timestamptz, bucket_end timestamptz, metric text, value double precision, sample_size integer)
language plpgsql stable security invoker
set search_path = ''
as $$
begin
  if _bucket is null or _bucket not in ('day', 'week') then
    raise exception 'bucket must be day or week' using errcode = 'invalid_parameter_value';
  end if;
  if _to <= _from or _to - _from > interval '366 days' then
    raise exception 'the window must be positive and at most 366 days' using errcode = 'invalid_parameter_value';
  end if;
  return query
  select b.s, least(b.s + ('1 ' || _bucket)::interval, _to), m.metric, m.value, m.sample_size
  from generate_series(_from, _to - interval '1 microsecond', ('1 ' || _bucket)::interval) as b (s)
  cross join lateral public.dora_metrics(_project_id, b.s, least(b.s + ('1 ' || _bucket)::interval, _to), _environment_id) m
  order by b.s, m.metric;
end
$$;
comment on function public.dora_metrics_series(uuid, timestamptz, timestamptz, text, uuid) is 'dora_metrics per day or week of a window (RLS applies)';

revoke execute on function public.dashboard_figures(uuid, integer, text) from public, anon;
revoke execute on function public.refresh_widget_metrics(uuid) from public, anon;
revoke execute on function public.dora_metrics_series(uuid, timestamptz, timestamptz, text, uuid) from public, anon;
grant execute on function public.dashboard_figures(uuid, integer, text) to authenticated, service_role;
grant execute on function public.refresh_widget_metrics(uuid) to authenticated, service_role;
grant execute on function public.dora_metrics_series(uuid, timestamptz, timestamptz, text, uuid) to authenticated, service_role;

-- The dashboard reads the latest snapshots of a project's widget.
create index if not exists widget_metrics_recent_idx on public.widget_metrics (project_id, recorded_at desc);
