-- CI/CD spans out to an organization's own OTLP endpoint. An `otel` connection with config.export = true
-- receives every CI/CD span (source 'opzenix') of its organization's projects. Each span is queued per such
-- connection when it is written (an outbox), and the otel-export edge function claims batches, posts them
-- and records the outcome. Delivery is at least once: a claim is a lease (claimed_until), taken with
-- `for update skip locked`, so concurrent exporters never hold the same span; a lease that expires (an
-- exporter died) makes the span due again.

create table public.otel_export_queue (
  connection_id uuid not null references public.connections (id) on delete cascade,
  signal_id bigint not null references public.telemetry_signals (id) on delete cascade,
  organization_id uuid not null references public.organizations (id) on delete cascade,
  state text not null default 'pending' check (state in ('pending', 'delivered', 'dropped')),
  attempts integer not null default 0, -- claims so far (each claim is one delivery attempt)
  next_attempt_at timestamptz not null default now(),
  claimed_until timestamptz, -- lease of the exporter holding it
  batch_id uuid, -- the batch that last claimed it
  last_error text,
  enqueued_at timestamptz not null default now(),
  finished_at timestamptz,
  primary key (connection_id, signal_id)
);
create index otel_export_queue_due_idx on public.otel_export_queue (next_attempt_at, connection_id) where state = 'pending';
create index otel_export_queue_signal_idx on public.otel_export_queue (signal_id);

create table public.otel_export_batches (
  id uuid primary key,
  connection_id uuid not null references public.connections (id) on delete cascade,
  organization_id uuid not null references public.organizations (id) on delete cascade,
  spans integer not null,
  attempt integer not null, -- the highest attempt number among its spans
  outcome text not null default 'sending' check (outcome in ('sending', 'delivered', 'partial', 'retry', 'rejected', 'dropped')),
  http_status integer,
  rejected_spans integer,
  message text,
  protocol text,
  bytes integer,
  started_at timestamptz not null default now(),
  finished_at timestamptz
);
create index otel_export_batches_connection_idx on public.otel_export_batches (connection_id, started_at desc);

revoke insert, update, delete on public.otel_export_queue, public.otel_export_batches from anon, authenticated;
alter table public.otel_export_queue enable row level security;
alter table public.otel_export_batches enable row level security;
create policy "Operators can read their organizations' export queue"
on public.otel_export_queue for select to authenticated
using ((select public.org_role_at_least(organization_id, 'operator')));
create policy "Operators can read their organizations' export batches"
on public.otel_export_batches for select to authenticated
using ((select public.org_role_at_least(organization_id, 'operator')));

/** Queues a new CI/CD span for every exporting otel connection of the span's project's organization. */
create or replace function public.enqueue_otel_export()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  insert into public.otel_export_queue (connection_id, signal_id, organization_id)
  select c.id, new.id, c.organization_id
  from public.projects p
  join public.connections c on c.organization_id = p.organization_id
  where p.id = new.project_id and c.type = 'otel' and c.config -> 'export' = 'true'::jsonb;
  return new;
end
$$;
revoke execute on function public.enqueue_otel_export() from public, anon, authenticated;

create trigger telemetry_signals_otel_export after insert on public.telemetry_signals
for each row when (new.source = 'opzenix' and new.signal_type = 'trace')
execute function public.enqueue_otel_export();

/** Whether any export is due: the scheduler (or pg_cron) asks before waking the function. */
create or replace function public.otel_export_due()
returns boolean
language sql stable security definer
set search_path = ''
as $$
  select exists (
    select 1 from public.otel_export_queue q
    where q.state = 'pending' and q.next_attempt_at <= now() and (q.claimed_until is null or q.claimed_until < now())
  )
$$;

/**
 * Claims up to _max_spans due spans of one connection for _lease_seconds and opens a batch for them.
 * Returns null when nothing is due, else {batch_id, attempt, connection: {...}, spans: [...]} with the
 * spans exactly as stored (timestamps as nanoseconds since the epoch, as decimal strings).
 */
create or replace function public.claim_otel_export_batch(_max_spans integer default 512, _lease_seconds integer default 60)
returns jsonb
language plpgsql security definer
set search_path = ''
as $$
declare
  _batch uuid := gen_random_uuid();
  _connection public.connections;
  _spans jsonb;
  _claimed integer;
  _attempt integer;
begin
  select c.* into _connection from public.connections c
  where c.id = (
    select q.connection_id from public.otel_export_queue q
    where q.state = 'pending' and q.next_attempt_at <= now() and (q.claimed_until is null or q.claimed_until < now())
    order by q.next_attempt_at limit 1
    for update skip locked);
  if _connection.id is null then return null; end if;

  with picked as (
    select q.signal_id from public.otel_export_queue q
    where q.connection_id = _connection.id and q.state = 'pending' and q.next_attempt_at <= now()
      and (q.claimed_until is null or q.claimed_until < now())
    order by q.signal_id limit greatest(_max_spans, 1)
    for update skip locked
  )
  update public.otel_export_queue q
  set claimed_until = now() + make_interval(secs => _lease_seconds), batch_id = _batch, attempts = q.attempts + 1
  from picked where q.connection_id = _connection.id and q.signal_id = picked.signal_id;
  get diagnostics _claimed = row_count;
  if _claimed = 0 then return null; end if;

  -- Organization scoping, again at the last moment: only spans of the connection's organization's projects.
  update public.otel_export_queue q set state = 'dropped', finished_at = now(), claimed_until = null,
    last_error = 'the span is not in this connection''s organization'
  where q.batch_id = _batch and not exists (
    select 1 from public.telemetry_signals s join public.projects p on p.id = s.project_id
    where s.id = q.signal_id and p.organization_id = _connection.organization_id);

  select coalesce(jsonb_agg(jsonb_build_object(
      'id', s.id, 'project_id', s.project_id, 'execution_id', s.execution_id,
      'trace_id', s.otel_trace_id, 'span_id', s.otel_span_id, 'parent_span_id', s.parent_span_id,
      'name', s.name, 'kind', s.kind, 'status', s.status, 'status_message', s.payload ->> 'status_message',
      'start_ns', ((extract(epoch from s.started_at) * 1000000)::bigint * 1000)::text,
      'end_ns', ((extract(epoch from s.ended_at) * 1000000)::bigint * 1000)::text,
      'attributes', s.attributes, 'resource_attributes', s.resource_attributes) order by s.id), '[]'::jsonb),
    max(q.attempts)
  into _spans, _attempt
  from public.otel_export_queue q join public.telemetry_signals s on s.id = q.signal_id
  where q.batch_id = _batch and q.state = 'pending';

  insert into public.otel_export_batches (id, connection_id, organization_id, spans, attempt)
  values (_batch, _connection.id, _connection.organization_id, jsonb_array_length(_spans), coalesce(_attempt, 1));

  return jsonb_build_object('batch_id', _batch, 'attempt', coalesce(_attempt, 1), 'spans', _spans,
    'connection', jsonb_build_object('id', _connection.id, 'organization_id', _connection.organization_id,
      'name', _connection.name, 'config', _connection.config, 'secret_ref', _connection.secret_ref));
end
$$;

/**
 * Records a batch's outcome: delivered/partial → its spans are delivered; rejected → dropped with the
 * error; retry → due again after _retry_base_ms · 2^(attempts-1) (at most 5 minutes), or dropped once a
 * span has had _max_attempts attempts. Spans whose lease another exporter has since taken are left alone.
 */
create or replace function public.finish_otel_export_batch(
  _batch_id uuid, _outcome text, _http_status integer default null, _message text default null,
  _rejected_spans integer default null, _protocol text default null, _bytes integer default null,
  _retry_base_ms integer default 2000, _max_attempts integer default 8)
returns text
language plpgsql security definer
set search_path = ''
as $$
declare
  _final text := _outcome;
  _left integer;
begin
  if _outcome not in ('delivered', 'partial', 'retry', 'rejected') then
    raise exception 'unknown export outcome %', _outcome using errcode = '22023';
  end if;
  if _outcome in ('delivered', 'partial') then
    update public.otel_export_queue set state = 'delivered', finished_at = now(), claimed_until = null,
      last_error = case when _outcome = 'partial' then _message end
    where batch_id = _batch_id and state = 'pending';
  elsif _outcome = 'rejected' then
    update public.otel_export_queue set state = 'dropped', finished_at = now(), claimed_until = null, last_error = _message
    where batch_id = _batch_id and state = 'pending';
  else
    update public.otel_export_queue set
      state = case when attempts >= _max_attempts then 'dropped' else 'pending' end,
      finished_at = case when attempts >= _max_attempts then now() end,
      last_error = case when attempts >= _max_attempts then format('gave up after %s attempts: %s', attempts, _message) else _message end,
      next_attempt_at = now() + make_interval(secs => least(_retry_base_ms::double precision * 2 ^ (attempts - 1), 300000) / 1000),
      claimed_until = null
    where batch_id = _batch_id and state = 'pending';
    select count(*) into _left from public.otel_export_queue where batch_id = _batch_id and state = 'pending';
    if _left = 0 then _final := 'dropped'; end if;
  end if;
  update public.otel_export_batches set outcome = _final, http_status = _http_status, message = left(_message, 2000),
    rejected_spans = _rejected_spans, protocol = _protocol, bytes = _bytes, finished_at = now()
  where id = _batch_id;
  return _final;
end
$$;

revoke execute on function public.otel_export_due(), public.claim_otel_export_batch(integer, integer),
  public.finish_otel_export_batch(uuid, text, integer, text, integer, text, integer, integer, integer)
  from public, anon, authenticated;
grant execute on function public.otel_export_due(), public.claim_otel_export_batch(integer, integer),
  public.finish_otel_export_batch(uuid, text, integer, text, integer, text, integer, integer, integer)
  to service_role;
