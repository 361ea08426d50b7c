-- Pipelines as graphs: flow_templates are a project's pipelines (nodes and edges as JSON, edited in the UI);
-- pipeline_templates are a catalogue to start from, built-in (organization_id null) or an organization's
-- own, and the public ones are what the landing page shows to anonymous visitors.

create table public.flow_templates (
  id uuid primary key default gen_random_uuid(),
  project_id uuid not null references public.projects (id) on delete cascade,
  name text not null,
  description text,
  type public.flow_type not null default 'cicd',
  nodes jsonb not null default '[]'::jsonb check (jsonb_typeof(nodes) = 'array'),
  edges jsonb not null default '[]'::jsonb check (jsonb_typeof(edges) = 'array'),
  version integer not null default 1, -- bumped by clients on each saved edit (optimistic concurrency)
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (project_id, name)
);
create index flow_templates_project_id_idx on public.flow_templates (project_id);

create table public.pipeline_templates (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid references public.organizations (id) on delete cascade, -- null: built into the product
  name text not null,
  description text,
  category text not null,
  flow_type public.flow_type not null default 'cicd',
  nodes jsonb not null default '[]'::jsonb check (jsonb_typeof(nodes) = 'array'),
  edges jsonb not null default '[]'::jsonb check (jsonb_typeof(edges) = 'array'),
  popularity integer not null default 0,
  tags text[] not null default '{}',
  is_public boolean not null default false, -- shown to anyone, signed in or not
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index pipeline_templates_organization_id_idx on public.pipeline_templates (organization_id);
create index pipeline_templates_public_idx on public.pipeline_templates (popularity desc) where is_public;

create trigger flow_templates_updated_at before update on public.flow_templates
for each row execute function public.update_updated_at_column();
create trigger pipeline_templates_updated_at before update on public.pipeline_templates
for each row execute function public.update_updated_at_column();

alter table public.flow_templates enable row level security;
alter table public.pipeline_templates enable row level security;

create policy "Members can read their projects' pipelines"
on public.flow_templates for select to authenticated
using ((select public.is_project_member(project_id)));
create policy "Operators can create pipelines"
on public.flow_templates for insert to authenticated
with check ((select public.project_role_at_least(project_id, 'operator')));
create policy "Operators can edit pipelines"
on public.flow_templates for update to authenticated
using ((select public.project_role_at_least(project_id, 'operator')))
with check ((select public.project_role_at_least(project_id, 'operator')));
create policy "Organization admins can delete pipelines"
on public.flow_templates for delete to authenticated
using ((select public.project_role_at_least(project_id, 'admin')));

create policy "Visitors can read public pipeline templates"
on public.pipeline_templates for select to anon
using (is_public);
create policy "Users can read public templates and their organizations' templates"
on public.pipeline_templates for select to authenticated
using (is_public or (select public.is_org_member(organization_id)));
create policy "Operators can add templates to their organization"
on public.pipeline_templates for insert to authenticated
with check ((select public.org_role_at_least(organization_id, 'operator')));
create policy "Operators can edit their organization's templates"
on public.pipeline_templates for update to authenticated
using ((select public.org_role_at_least(organization_id, 'operator')))
with check ((select public.org_role_at_least(organization_id, 'operator')));
create policy "Organization admins can delete their organization's templates"
on public.pipeline_templates for delete to authenticated
using ((select public.org_role_at_least(organization_id, 'admin')));
