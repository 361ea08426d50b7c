-- Telemetry page reads that PostgREST filters cannot express: the services and metric names seen in a window
-- (for the filter pickers) and one metric's series in time buckets per service (for the charts, so the page
-- never downloads every data point). Both are security invoker: RLS on telemetry_signals decides what a
-- caller sees, so a non-member gets no rows.

/** Services (any signal) and metric names seen in a project since `_since`, with how many signals each. */
create or replace function public.telemetry_facets(_project_id uuid, _since timestamptz)
returns table (facet text, value text, signals bigint)
language sql stable security invoker
set search_path = ''
as $$
  select f.facet, f.value, f.signals from (
    select 'service'::text as facet, s.service_name as value, count(*) as signals
    from public.telemetry_signals s
    where s.project_id = _project_id and s.observed_at >= _since and s.service_name is not null
    group by s.service_name
    union all
    select 'metric'::text, s.name, count(*)
    from public.telemetry_signals s
    where s.project_id = _project_id and s.observed_at >= _since and s.signal_type = 'metric' and s.name is not null
    group by s.name
  ) f
  order by f.facet, f.value
  limit 2000
$$;

/**
 * One metric's data points in [_from, _to) (by the point's time, ended_at; rows observed before _from are not
 * read) grouped into buckets of `_bucket_seconds` per service and kind. Gauges and sums give the average,
 * minimum and maximum point value; histograms, exponential histograms and summaries give the total of their
 * points' count and sum fields (payload.count, payload.sum).
 */
create or replace function public.telemetry_metric_series(_project_id uuid, _name text, _from timestamptz, _to timestamptz,
  _bucket_seconds integer)
returns table (bucket timestamptz, service_name text, kind text, unit text, points bigint, value_avg double precision,
  value_min double precision, value_max double precision, count_total double precision, sum_total double precision)
language sql stable security invoker
set search_path = ''
as $$
  select to_timestamp(floor(extract(epoch from s.ended_at) / greatest(_bucket_seconds, 1)) * greatest(_bucket_seconds, 1)) as bucket,
    coalesce(s.service_name, '') as service_name, s.kind, max(s.payload ->> 'unit') as unit, count(*) as points,
    avg((s.payload ->> 'value')::double precision), min((s.payload ->> 'value')::double precision),
    max((s.payload ->> 'value')::double precision),
    sum((s.payload ->> 'count')::double precision), sum((s.payload ->> 'sum')::double precision)
  from public.telemetry_signals s
  where s.project_id = _project_id and s.signal_type = 'metric' and s.name = _name
    and s.observed_at >= _from and s.ended_at >= _from and s.ended_at < _to
  group by 1, 2, 3
  order by 1, 2, 3
  limit 5000
$$;

grant execute on function public.telemetry_facets(uuid, timestamptz) to authenticated;
grant execute on function public.telemetry_metric_series(uuid, text, timestamptz, timestamptz, integer) to authenticated;
