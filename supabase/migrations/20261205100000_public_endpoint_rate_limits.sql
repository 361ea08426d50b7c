-- Rate limits for the public endpoints (issue 17): github-webhook, artifact-webhook, approval-link and
-- otel-adapter take no user session, and on hosted Supabase each request may land on a fresh function instance,
-- so their counters live here rather than in a worker's memory. Fixed windows: one row per key and window,
-- bumped by one upsert. The functions send the hits of the requests that arrive together in one call
-- (_shared/rate-limit.ts, over SUPABASE_DB_URL as the postgres role, commit not waiting for the WAL flush: a
-- crash may forget a few counts, never refuse a request wrongly), so a limit costs at most one round trip per
-- request and usually a fraction of one. The limits themselves are function secrets (docs/deploying.md).
-- Relies on nothing Supabase provides beyond the private schema made in 20261203000100_private_helpers.sql.

create table private.rate_limit_hits (
  key text not null, -- '<function>:<scope>:<value>', e.g. 'github-webhook:integration:<uuid>', 'otel-adapter:address:203.0.113.9'
  window_start timestamptz not null, -- start of the fixed window (epoch seconds rounded down to a multiple of its length)
  hits integer not null default 0, -- requests counted in the window, refused ones included
  primary key (key, window_start)
);
comment on table private.rate_limit_hits is 'Requests per key and fixed window for the public edge functions'' rate limits; pruned by hit_rate_limits.';
create index rate_limit_hits_window_idx on private.rate_limit_hits (window_start);
alter table private.rate_limit_hits enable row level security;
revoke all on private.rate_limit_hits from public, anon, authenticated, service_role;

-- Counts one hit per element of _keys (a key may appear several times: one per request in the batch) in the
-- current window of _window_seconds, and says for each element, in order, whether it is within _limits (same
-- position; 0 or null means no limit). Returns the element's position (slot, from 1), whether it is allowed, the window's
-- count after this call, and the seconds until the window ends. Keys are bumped in key order, so two batches
-- never wait on each other's rows in opposite orders. About 1 call in 100 also deletes windows that ended.
create or replace function private.hit_rate_limits(_keys text[], _limits integer[], _window_seconds integer)
returns table (slot integer, allowed boolean, window_hits integer, retry_after_seconds integer)
language plpgsql volatile
set search_path = ''
as $$
#variable_conflict use_column
declare
  _window integer := greatest(coalesce(_window_seconds, 60), 1);
  _start timestamptz := to_timestamp(floor(extract(epoch from now()) / _window) * _window);
  _retry integer := greatest(ceil(extract(epoch from _start + make_interval(secs => _window) - now()))::integer, 1);
begin
  if random() < 0.01 then
    delete from private.rate_limit_hits h where h.window_start < _start - make_interval(secs => _window);
  end if;
  return query
  with input as (
    select k.key, k.position::integer as position, l.lim
    from unnest(_keys) with ordinality as k (key, position)
    left join unnest(_limits) with ordinality as l (lim, position) on l.position = k.position
  ), counted as (
    select i.key, count(*)::integer as n from input i group by i.key
  ), bumped as (
    insert into private.rate_limit_hits as h (key, window_start, hits)
    select c.key, _start, c.n from counted c order by c.key
    on conflict (key, window_start) do update set hits = h.hits + excluded.hits
    returning h.key, h.hits
  )
  select i.position,
    coalesce(i.lim, 0) <= 0
      or b.hits - c.n + (row_number() over (partition by i.key order by i.position))::integer <= i.lim,
    b.hits, _retry
  from input i join counted c on c.key = i.key join bumped b on b.key = i.key
  order by i.position;
end
$$;
revoke execute on function private.hit_rate_limits(text[], integer[], integer) from public, anon, authenticated, service_role;
