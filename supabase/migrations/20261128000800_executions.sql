-- Runs of pipelines: an execution copies its pipeline's graph and gets one execution_node per node; logs,
-- state events, checkpoints and artifacts hang off it. Children carry project_id (copied from the execution
-- by a trigger, whatever the client sends) so policies and Realtime filters need no join.

create table public.executions (
  id uuid primary key default gen_random_uuid(),
  project_id uuid not null references public.projects (id) on delete cascade,
  flow_template_id uuid references public.flow_templates (id) on delete set null,
  name text not null,
  flow_type public.flow_type not null default 'cicd',
  status public.execution_status not null default 'queued',
  environment_id uuid, -- the environment the run targets, if any
  progress integer not null default 0 check (progress between 0 and 100), -- percent of nodes finished
  graph jsonb not null default '{"nodes": [], "edges": []}'::jsonb, -- the pipeline graph as it was when the run started
  trigger_source text not null default 'manual' check (trigger_source in ('manual', 'webhook', 'schedule', 'api', 'rerun')),
  branch text,
  commit_sha text check (commit_sha ~ '^[0-9a-f]{7,40}$'),
  started_by uuid references auth.users (id) on delete set null, -- the run's starter (self-approval rule)
  started_at timestamptz,
  finished_at timestamptz,
  error_message text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (id, project_id),
  foreign key (environment_id, project_id) references public.environments (id, project_id)
);
create index executions_project_id_idx on public.executions (project_id, created_at desc);
create index executions_status_idx on public.executions (status) where status in ('queued', 'running', 'paused');
create index executions_flow_template_id_idx on public.executions (flow_template_id);
create index executions_environment_id_idx on public.executions (environment_id);

create table public.execution_nodes (
  id uuid primary key default gen_random_uuid(),
  execution_id uuid not null references public.executions (id) on delete cascade,
  project_id uuid not null,
  node_id text not null, -- the node's id inside the graph
  name text not null,
  kind public.node_kind not null default 'simulated',
  config jsonb not null default '{}'::jsonb, -- kind-specific settings (duration, workflow file, environment...)
  status public.node_status not null default 'pending',
  attempt integer not null default 1,
  started_at timestamptz,
  finished_at timestamptz,
  duration_ms integer check (duration_ms >= 0),
  logs text, -- short tail for the node card; full lines are in execution_logs
  output jsonb,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (execution_id, node_id)
);
create index execution_nodes_project_id_idx on public.execution_nodes (project_id);

create table public.execution_logs (
  id bigint generated always as identity primary key,
  execution_id uuid not null references public.executions (id) on delete cascade,
  project_id uuid not null,
  node_id text,
  level public.log_level not null default 'info',
  message text not null,
  metadata jsonb,
  created_at timestamptz not null default now()
);
create index execution_logs_execution_id_idx on public.execution_logs (execution_id, id);
create index execution_logs_project_id_idx on public.execution_logs (project_id);

create table public.execution_state_events (
  id bigint generated always as identity primary key,
  execution_id uuid not null references public.executions (id) on delete cascade,
  project_id uuid not null,
  node_id text, -- null: the execution itself changed state
  old_state text,
  new_state text not null,
  reason text,
  actor_id uuid default auth.uid(),
  created_at timestamptz not null default now()
);
create index execution_state_events_execution_id_idx on public.execution_state_events (execution_id, id);
create index execution_state_events_project_id_idx on public.execution_state_events (project_id);

create table public.checkpoints (
  id uuid primary key default gen_random_uuid(),
  execution_id uuid not null references public.executions (id) on delete cascade,
  project_id uuid not null,
  node_id text not null,
  name text not null,
  state jsonb not null default '{}'::jsonb, -- node outputs a rerun starting here needs
  created_by uuid default auth.uid() references auth.users (id) on delete set null,
  created_at timestamptz not null default now()
);
create index checkpoints_execution_id_idx on public.checkpoints (execution_id);
create index checkpoints_project_id_idx on public.checkpoints (project_id);

create table public.artifacts (
  id uuid primary key default gen_random_uuid(),
  project_id uuid not null references public.projects (id) on delete cascade,
  execution_id uuid references public.executions (id) on delete set null,
  name text not null,
  image_digest text check (image_digest ~ '^sha256:[0-9a-f]{64}$'),
  registry_url text,
  size_bytes bigint,
  metadata jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now()
);
create index artifacts_project_id_idx on public.artifacts (project_id, created_at desc);
create index artifacts_execution_id_idx on public.artifacts (execution_id);

-- Children take their project from their execution, so a client cannot file a row under another project.
create or replace function public.inherit_execution_project()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  if new.execution_id is not null then
    new.project_id := (select e.project_id from public.executions e where e.id = new.execution_id);
  end if;
  return new;
end
$$;
revoke execute on function public.inherit_execution_project() from public, anon, authenticated;

create trigger execution_nodes_project before insert or update of execution_id on public.execution_nodes
for each row execute function public.inherit_execution_project();
create trigger execution_logs_project before insert on public.execution_logs
for each row execute function public.inherit_execution_project();
create trigger execution_state_events_project before insert on public.execution_state_events
for each row execute function public.inherit_execution_project();
create trigger checkpoints_project before insert on public.checkpoints
for each row execute function public.inherit_execution_project();
create trigger artifacts_project before insert or update of execution_id on public.artifacts
for each row execute function public.inherit_execution_project();

-- Finished runs stay finished, and every status change leaves a state event.
create or replace function public.track_execution_status()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  if new.status is distinct from old.status then
    if old.status in ('success', 'warning', 'failed', 'cancelled') then
      raise exception 'execution % is already %', old.id, old.status using errcode = 'check_violation';
    end if;
    if new.status in ('success', 'warning', 'failed', 'cancelled') and new.finished_at is null then
      new.finished_at := now();
    end if;
    if new.status = 'running' and new.started_at is null then
      new.started_at := now();
    end if;
    insert into public.execution_state_events (execution_id, project_id, old_state, new_state, reason)
    values (new.id, new.project_id, old.status::text, new.status::text, nullif(current_setting('opzenix.transition_reason', true), ''));
  end if;
  return new;
end
$$;
revoke execute on function public.track_execution_status() from public, anon, authenticated;

create trigger executions_status before update of status on public.executions
for each row execute function public.track_execution_status();
create trigger executions_updated_at before update on public.executions
for each row execute function public.update_updated_at_column();
create trigger execution_nodes_updated_at before update on public.execution_nodes
for each row execute function public.update_updated_at_column();

alter table public.executions enable row level security;
alter table public.execution_nodes enable row level security;
alter table public.execution_logs enable row level security;
alter table public.execution_state_events enable row level security;
alter table public.checkpoints enable row level security;
alter table public.artifacts enable row level security;

create policy "Members can read their projects' executions"
on public.executions for select to authenticated
using ((select public.is_project_member(project_id)));
create policy "Operators can start executions as themselves"
on public.executions for insert to authenticated
with check (started_by = (select auth.uid()) and (select public.project_role_at_least(project_id, 'operator')));
create policy "Operators can update and cancel executions"
on public.executions for update to authenticated
using ((select public.project_role_at_least(project_id, 'operator')))
with check ((select public.project_role_at_least(project_id, 'operator')));
create policy "Organization admins can delete executions"
on public.executions for delete to authenticated
using ((select public.project_role_at_least(project_id, 'admin')));

create policy "Members can read execution nodes"
on public.execution_nodes for select to authenticated
using ((select public.is_project_member(project_id)));
create policy "Operators can add execution nodes"
on public.execution_nodes for insert to authenticated
with check ((select public.project_role_at_least(project_id, 'operator')));
create policy "Operators can update execution nodes"
on public.execution_nodes for update to authenticated
using ((select public.project_role_at_least(project_id, 'operator')))
with check ((select public.project_role_at_least(project_id, 'operator')));

create policy "Members can read execution logs"
on public.execution_logs for select to authenticated
using ((select public.is_project_member(project_id)));
create policy "Operators can append execution logs"
on public.execution_logs for insert to authenticated
with check ((select public.project_role_at_least(project_id, 'operator')));

create policy "Members can read execution state events"
on public.execution_state_events for select to authenticated
using ((select public.is_project_member(project_id)));
create policy "Operators can record execution state events as themselves"
on public.execution_state_events for insert to authenticated
with check (actor_id = (select auth.uid()) and (select public.project_role_at_least(project_id, 'operator')));

create policy "Members can read checkpoints"
on public.checkpoints for select to authenticated
using ((select public.is_project_member(project_id)));
create policy "Operators can save checkpoints"
on public.checkpoints for insert to authenticated
with check ((select public.project_role_at_least(project_id, 'operator')));
create policy "Organization admins can delete checkpoints"
on public.checkpoints for delete to authenticated
using ((select public.project_role_at_least(project_id, 'admin')));

create policy "Members can read artifacts"
on public.artifacts for select to authenticated
using ((select public.is_project_member(project_id)));
create policy "Operators can record artifacts"
on public.artifacts for insert to authenticated
with check ((select public.project_role_at_least(project_id, 'operator')));
create policy "Organization admins can delete artifacts"
on public.artifacts for delete to authenticated
using ((select public.project_role_at_least(project_id, 'admin')));
