-- Integrations: an organization's connections (registries, clusters, clouds) and their health checks,
-- GitHub repositories per project with branch mappings, personal GitHub tokens, and received webhook
-- deliveries (unique delivery id, so a redelivered webhook is recognised). Secrets (token ciphertext,
-- webhook secrets) are readable by service_role only: anon and authenticated have no select privilege on
-- those columns, so the API cannot return them however a query is written.

create table public.connections (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references public.organizations (id) on delete cascade,
  type text not null check (type in ('github', 'container_registry', 'kubernetes', 'azure', 'aws', 'gcp', 'vault', 'slack', 'otel')),
  name text not null,
  status public.connection_status not null default 'unknown',
  config jsonb not null default '{}'::jsonb, -- endpoints and options; credentials go in secret_ref's provider
  secret_ref text, -- where the credential lives (a secret name), never the credential
  validated boolean not null default false,
  last_validated_at timestamptz,
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (organization_id, name)
);
create index connections_organization_id_idx on public.connections (organization_id);

create table public.connection_health_events (
  id bigint generated always as identity primary key,
  connection_id uuid not null references public.connections (id) on delete cascade,
  organization_id uuid not null,
  status public.connection_status not null,
  response_time_ms integer,
  message text,
  checked_at timestamptz not null default now()
);
create index connection_health_events_connection_id_idx on public.connection_health_events (connection_id, checked_at desc);
create index connection_health_events_organization_id_idx on public.connection_health_events (organization_id);

create table public.github_integrations (
  id uuid primary key default gen_random_uuid(),
  project_id uuid not null references public.projects (id) on delete cascade,
  repository_owner text not null,
  repository_name text not null,
  workflow_file text not null default '.github/workflows/ci.yml',
  default_branch text not null default 'main',
  installation_id bigint, -- GitHub App installation, when the app is used instead of a token
  webhook_secret text, -- secret: service_role only (column privileges below)
  is_active boolean not null default true,
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (project_id, repository_owner, repository_name)
);
create index github_integrations_project_id_idx on public.github_integrations (project_id);
create index github_integrations_repository_idx on public.github_integrations (repository_owner, repository_name);

create table public.github_tokens (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users (id) on delete cascade,
  encrypted_token text not null, -- secret: ciphertext, written and read by edge functions only
  token_hint text, -- last four characters, to recognise the token in the UI
  scopes text[] not null default '{}',
  expires_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index github_tokens_user_id_idx on public.github_tokens (user_id);

create table public.branch_mappings (
  id uuid primary key default gen_random_uuid(),
  project_id uuid not null references public.projects (id) on delete cascade,
  github_integration_id uuid references public.github_integrations (id) on delete cascade,
  branch_pattern text not null, -- glob, e.g. release/*
  environment_id uuid not null,
  flow_template_id uuid references public.flow_templates (id) on delete set null, -- pipeline a push starts
  is_deployable boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (project_id, branch_pattern, environment_id),
  foreign key (environment_id, project_id) references public.environments (id, project_id) on delete cascade
);
create index branch_mappings_environment_id_idx on public.branch_mappings (environment_id);

create table public.webhook_deliveries (
  id uuid primary key default gen_random_uuid(),
  provider text not null default 'github',
  delivery_id text not null, -- X-GitHub-Delivery (or the provider's equivalent)
  event text not null,
  project_id uuid references public.projects (id) on delete set null, -- null until matched to a project
  github_integration_id uuid references public.github_integrations (id) on delete set null,
  status text not null default 'received' check (status in ('received', 'processed', 'ignored', 'failed')),
  payload jsonb not null default '{}'::jsonb,
  error text,
  received_at timestamptz not null default now(),
  processed_at timestamptz,
  unique (provider, delivery_id)
);
create index webhook_deliveries_project_id_idx on public.webhook_deliveries (project_id, received_at desc);

create or replace function public.inherit_connection_org()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  new.organization_id := (select c.organization_id from public.connections c where c.id = new.connection_id);
  return new;
end
$$;
revoke execute on function public.inherit_connection_org() from public, anon, authenticated;

create trigger connection_health_events_org before insert on public.connection_health_events
for each row execute function public.inherit_connection_org();
create trigger connections_updated_at before update on public.connections
for each row execute function public.update_updated_at_column();
create trigger github_integrations_updated_at before update on public.github_integrations
for each row execute function public.update_updated_at_column();
create trigger github_tokens_updated_at before update on public.github_tokens
for each row execute function public.update_updated_at_column();
create trigger branch_mappings_updated_at before update on public.branch_mappings
for each row execute function public.update_updated_at_column();
create trigger connections_audit after insert or update or delete on public.connections
for each row execute function audit.log_change();
create trigger github_integrations_audit after insert or update or delete on public.github_integrations
for each row execute function audit.log_change();
create trigger github_tokens_audit after insert or update or delete on public.github_tokens
for each row execute function audit.log_change();
create trigger branch_mappings_audit after insert or update or delete on public.branch_mappings
for each row execute function audit.log_change();

-- Secret columns: no select for the API roles (a table-wide grant would include them, so grant by column).
revoke select on public.github_tokens from anon, authenticated;
grant select (id, user_id, token_hint, scopes, expires_at, created_at, updated_at) on public.github_tokens to authenticated;
revoke insert, update on public.github_tokens from anon, authenticated;
revoke select on public.github_integrations from anon, authenticated;
grant select (id, project_id, repository_owner, repository_name, workflow_file, default_branch, installation_id,
  is_active, created_by, created_at, updated_at) on public.github_integrations to authenticated;
revoke update on public.github_integrations from anon, authenticated;
grant update (repository_owner, repository_name, workflow_file, default_branch, installation_id, is_active)
  on public.github_integrations to authenticated;
revoke insert, update, delete on public.webhook_deliveries, public.connection_health_events from anon, authenticated;

alter table public.connections enable row level security;
alter table public.connection_health_events enable row level security;
alter table public.github_integrations enable row level security;
alter table public.github_tokens enable row level security;
alter table public.branch_mappings enable row level security;
alter table public.webhook_deliveries enable row level security;

create policy "Members can read their organizations' connections"
on public.connections for select to authenticated
using ((select public.is_org_member(organization_id)));
create policy "Organization admins can add connections"
on public.connections for insert to authenticated
with check ((select public.org_role_at_least(organization_id, 'admin')));
create policy "Organization admins can update connections"
on public.connections for update to authenticated
using ((select public.org_role_at_least(organization_id, 'admin')))
with check ((select public.org_role_at_least(organization_id, 'admin')));
create policy "Organization admins can delete connections"
on public.connections for delete to authenticated
using ((select public.org_role_at_least(organization_id, 'admin')));

create policy "Members can read connection health"
on public.connection_health_events for select to authenticated
using ((select public.is_org_member(organization_id)));

create policy "Members can read their projects' GitHub integrations"
on public.github_integrations for select to authenticated
using ((select public.is_project_member(project_id)));
create policy "Organization admins can connect GitHub repositories"
on public.github_integrations for insert to authenticated
with check ((select public.project_role_at_least(project_id, 'admin')));
create policy "Organization admins can update GitHub integrations"
on public.github_integrations for update to authenticated
using ((select public.project_role_at_least(project_id, 'admin')))
with check ((select public.project_role_at_least(project_id, 'admin')));
create policy "Organization admins can disconnect GitHub repositories"
on public.github_integrations for delete to authenticated
using ((select public.project_role_at_least(project_id, 'admin')));

create policy "Users can see which GitHub tokens they have stored"
on public.github_tokens for select to authenticated
using (user_id = (select auth.uid()));
create policy "Users can delete their own GitHub tokens"
on public.github_tokens for delete to authenticated
using (user_id = (select auth.uid()));

create policy "Members can read branch mappings"
on public.branch_mappings for select to authenticated
using ((select public.is_project_member(project_id)));
create policy "Organization admins can create branch mappings"
on public.branch_mappings for insert to authenticated
with check ((select public.project_role_at_least(project_id, 'admin')));
create policy "Organization admins can update branch mappings"
on public.branch_mappings for update to authenticated
using ((select public.project_role_at_least(project_id, 'admin')))
with check ((select public.project_role_at_least(project_id, 'admin')));
create policy "Organization admins can delete branch mappings"
on public.branch_mappings for delete to authenticated
using ((select public.project_role_at_least(project_id, 'admin')));

create policy "Members can read their projects' webhook deliveries"
on public.webhook_deliveries for select to authenticated
using ((select public.is_project_member(project_id)));
