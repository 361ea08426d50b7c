-- Telemetry (OTLP signals and dashboard widget metrics, written by edge functions) and each user's
-- workspace: dashboard layouts and in-app notifications.

create table public.telemetry_signals (
  id bigint generated always as identity primary key,
  project_id uuid not null references public.projects (id) on delete cascade,
  execution_id uuid references public.executions (id) on delete set null,
  signal_type text not null check (signal_type in ('trace', 'metric', 'log')),
  name text,
  otel_trace_id text check (otel_trace_id ~ '^[0-9a-f]{32}$'),
  otel_span_id text check (otel_span_id ~ '^[0-9a-f]{16}$'),
  payload jsonb not null default '{}'::jsonb,
  observed_at timestamptz not null default now()
);
create index telemetry_signals_project_id_idx on public.telemetry_signals (project_id, observed_at desc);
create index telemetry_signals_trace_idx on public.telemetry_signals (otel_trace_id);
create index telemetry_signals_execution_id_idx on public.telemetry_signals (execution_id);

create table public.widget_metrics (
  id bigint generated always as identity primary key,
  project_id uuid not null references public.projects (id) on delete cascade,
  widget_type text not null, -- the dashboard widget that plots it, e.g. deploy_frequency
  metric_name text not null,
  metric_value double precision not null,
  labels jsonb not null default '{}'::jsonb,
  recorded_at timestamptz not null default now()
);
create index widget_metrics_project_id_idx on public.widget_metrics (project_id, widget_type, recorded_at desc);

create table public.dashboard_layouts (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null default auth.uid() references auth.users (id) on delete cascade,
  project_id uuid references public.projects (id) on delete cascade, -- null: the user's home dashboard
  name text not null default 'Default',
  layout jsonb not null default '[]'::jsonb,
  is_default boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index dashboard_layouts_user_id_idx on public.dashboard_layouts (user_id);
create unique index dashboard_layouts_one_default_idx on public.dashboard_layouts (user_id, coalesce(project_id, '00000000-0000-0000-0000-000000000000'::uuid)) where is_default;

create table public.notification_events (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users (id) on delete cascade, -- recipient
  project_id uuid references public.projects (id) on delete cascade,
  type text not null, -- approval_requested, deployment_failed, ...
  target text not null default 'in_app', -- channel: in_app, email, slack:#channel
  payload jsonb not null default '{}'::jsonb,
  read_at timestamptz,
  created_at timestamptz not null default now()
);
create index notification_events_user_id_idx on public.notification_events (user_id, created_at desc) where read_at is null;
create index notification_events_user_all_idx on public.notification_events (user_id);

create trigger dashboard_layouts_updated_at before update on public.dashboard_layouts
for each row execute function public.update_updated_at_column();

revoke insert, update, delete on public.telemetry_signals, public.widget_metrics from anon, authenticated;
revoke insert, update on public.notification_events from anon, authenticated;
grant update (read_at) on public.notification_events to authenticated;

alter table public.telemetry_signals enable row level security;
alter table public.widget_metrics enable row level security;
alter table public.dashboard_layouts enable row level security;
alter table public.notification_events enable row level security;

create policy "Members can read their projects' telemetry"
on public.telemetry_signals for select to authenticated
using ((select public.is_project_member(project_id)));

create policy "Members can read their projects' widget metrics"
on public.widget_metrics for select to authenticated
using ((select public.is_project_member(project_id)));

create policy "Users can read their own dashboard layouts"
on public.dashboard_layouts for select to authenticated
using (user_id = (select auth.uid()));
create policy "Users can create dashboard layouts for themselves in their projects"
on public.dashboard_layouts for insert to authenticated
with check (user_id = (select auth.uid()) and (project_id is null or (select public.is_project_member(project_id))));
create policy "Users can update their own dashboard layouts"
on public.dashboard_layouts for update to authenticated
using (user_id = (select auth.uid()))
with check (user_id = (select auth.uid()) and (project_id is null or (select public.is_project_member(project_id))));
create policy "Users can delete their own dashboard layouts"
on public.dashboard_layouts for delete to authenticated
using (user_id = (select auth.uid()));

create policy "Users can read their own notifications"
on public.notification_events for select to authenticated
using (user_id = (select auth.uid()));
create policy "Users can mark their own notifications read"
on public.notification_events for update to authenticated
using (user_id = (select auth.uid()))
with check (user_id = (select auth.uid()));
create policy "Users can dismiss their own notifications"
on public.notification_events for delete to authenticated
using (user_id = (select auth.uid()));
