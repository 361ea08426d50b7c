-- telemetry_metric_series also averages every other numeric top-level field of the points' payload per
-- bucket (`fields`, e.g. {"p95_ms": 140.5}), so metrics stored in a shape other than OTLP's value/count/sum
-- (such as the demo seed's) still chart. Security invoker as before: RLS decides the rows.

drop function if exists public.telemetry_metric_series(uuid, text, timestamptz, timestamptz, integer);

create function public.telemetry_metric_series(_project_id uuid, _name text, _from timestamptz, _to timestamptz,
  _bucket_seconds integer)
returns table (bucket timestamptz, service_name text, kind text, unit text, points bigint, value_avg double precision,
  value_min double precision, value_max double precision, count_total double precision, sum_total double precision,
  fields jsonb)
language sql stable security invoker
set search_path = ''
as $$
  with p as (
    select to_timestamp(floor(extract(epoch from s.ended_at) / greatest(_bucket_seconds, 1)) * greatest(_bucket_seconds, 1)) as bucket,
      coalesce(s.service_name, '') as service_name, s.kind, s.payload
    from public.telemetry_signals s
    where s.project_id = _project_id and s.signal_type = 'metric' and s.name = _name
      and s.observed_at >= _from and s.ended_at >= _from and s.ended_at < _to
  ), extra as (
    select x.bucket, x.service_name, x.kind, jsonb_object_agg(x.key, x.average) as fields
    from (
      select p.bucket, p.service_name, p.kind, e.key, avg((e.value #>> '{}')::double precision) as average
      from p, jsonb_each(p.payload) e
      where jsonb_typeof(e.value) = 'number'
        and e.key not in ('value', 'asInt', 'asDouble', 'count', 'sum', 'min', 'max', 'scale', 'zeroCount', 'zeroThreshold',
          'flags', 'aggregationTemporality')
      group by 1, 2, 3, 4
    ) x
    group by 1, 2, 3
  )
  select p.bucket, p.service_name, p.kind, max(p.payload ->> 'unit'), count(*),
    avg((p.payload ->> 'value')::double precision), min((p.payload ->> 'value')::double precision),
    max((p.payload ->> 'value')::double precision),
    sum((p.payload ->> 'count')::double precision), sum((p.payload ->> 'sum')::double precision),
    coalesce(min(extra.fields::text)::jsonb, '{}'::jsonb)
  from p left join extra using (bucket, service_name, kind)
  group by p.bucket, p.service_name, p.kind
  order by 1, 2, 3
  limit 5000
$$;

grant execute on function public.telemetry_metric_series(uuid, text, timestamptz, timestamptz, integer) to authenticated;
