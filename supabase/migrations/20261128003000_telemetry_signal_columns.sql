-- OTLP-shaped columns on telemetry_signals, so the telemetry page can filter and draw waterfalls without
-- digging in payload: span kind and status, start/end, parent span, flattened attributes, the service, and
-- where the row came from (an OTLP exporter through otel-adapter, or Opzenix's own CI/CD spans).

alter table public.telemetry_signals
  add column parent_span_id text check (parent_span_id ~ '^[0-9a-f]{16}$'),
  -- spans: internal/server/client/producer/consumer/unspecified; metrics: gauge/sum/histogram/exponential_histogram/summary
  add column kind text,
  -- spans: unset/ok/error; logs: the severity text (INFO, ERROR...); metrics: null
  add column status text,
  add column started_at timestamptz, -- span start; metric point's start time; log record time
  add column ended_at timestamptz, -- span end; metric point's time
  add column duration_ms double precision generated always as (extract(epoch from ended_at - started_at) * 1000) stored,
  add column service_name text, -- resource attribute service.name
  add column attributes jsonb not null default '{}'::jsonb, -- span/point/record attributes, flattened to key → value
  add column resource_attributes jsonb not null default '{}'::jsonb,
  add column source text not null default 'otlp' check (source in ('otlp', 'opzenix')),
  add column connection_id uuid references public.connections (id) on delete set null; -- the otel connection whose token sent it

create index telemetry_signals_project_type_idx on public.telemetry_signals (project_id, signal_type, observed_at desc);
