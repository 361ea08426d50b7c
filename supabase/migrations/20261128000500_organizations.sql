-- Tenancy: organizations, their members (with the per-organization role) and projects.
-- Membership scopes organizations, projects and everything under a project.

create table public.organizations (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  slug text not null unique check (slug ~ '^[a-z0-9][a-z0-9-]*$'),
  owner_id uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index organizations_owner_id_idx on public.organizations (owner_id);

create table public.organization_members (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references public.organizations (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  role public.app_role not null default 'viewer',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (organization_id, user_id)
);
create index organization_members_user_id_idx on public.organization_members (user_id, organization_id);

create table public.projects (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references public.organizations (id) on delete cascade,
  name text not null,
  description text,
  github_repo_url text,
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (organization_id, name)
);
create index projects_organization_id_idx on public.projects (organization_id);

create trigger organizations_updated_at before update on public.organizations
for each row execute function public.update_updated_at_column();
create trigger organization_members_updated_at before update on public.organization_members
for each row execute function public.update_updated_at_column();
create trigger projects_updated_at before update on public.projects
for each row execute function public.update_updated_at_column();

create trigger organizations_audit after insert or update or delete on public.organizations
for each row execute function audit.log_change();
create trigger organization_members_audit after insert or update or delete on public.organization_members
for each row execute function audit.log_change();
create trigger projects_audit after insert or update or delete on public.projects
for each row execute function audit.log_change();

-- Whoever creates an organization administers it.
create or replace function public.add_owner_as_admin()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  if new.owner_id is not null then
    insert into public.organization_members (organization_id, user_id, role)
    values (new.id, new.owner_id, 'admin')
    on conflict (organization_id, user_id) do update set role = 'admin';
  end if;
  return new;
end
$$;
revoke execute on function public.add_owner_as_admin() from public, anon, authenticated;

create trigger organizations_owner_membership after insert on public.organizations
for each row execute function public.add_owner_as_admin();

alter table public.organizations enable row level security;
alter table public.organization_members enable row level security;
alter table public.projects enable row level security;

create policy "Members can read their organizations"
on public.organizations for select to authenticated
using ((select public.is_org_member(id)));

create policy "Installation admins can create organizations they own"
on public.organizations for insert to authenticated
with check (owner_id = (select auth.uid()) and (select public.has_role(auth.uid(), 'admin')));

create policy "Organization admins can update their organization"
on public.organizations for update to authenticated
using ((select public.org_role_at_least(id, 'admin')))
with check ((select public.org_role_at_least(id, 'admin')));

create policy "Owners can delete their organization"
on public.organizations for delete to authenticated
using (owner_id = (select auth.uid()));

create policy "Members can read the members of their organizations"
on public.organization_members for select to authenticated
using ((select public.is_org_member(organization_id)));

create policy "Organization admins can add members"
on public.organization_members for insert to authenticated
with check ((select public.org_role_at_least(organization_id, 'admin')));

create policy "Organization admins can change members' roles"
on public.organization_members for update to authenticated
using ((select public.org_role_at_least(organization_id, 'admin')))
with check ((select public.org_role_at_least(organization_id, 'admin')));

create policy "Organization admins can remove members and members can leave"
on public.organization_members for delete to authenticated
using (user_id = (select auth.uid()) or (select public.org_role_at_least(organization_id, 'admin')));

create policy "Members can read their organizations' projects"
on public.projects for select to authenticated
using ((select public.is_org_member(organization_id)));

create policy "Organization admins can create projects"
on public.projects for insert to authenticated
with check ((select public.org_role_at_least(organization_id, 'admin')));

create policy "Organization admins can update projects"
on public.projects for update to authenticated
using ((select public.org_role_at_least(organization_id, 'admin')))
with check ((select public.org_role_at_least(organization_id, 'admin')));

create policy "Organization admins can delete projects"
on public.projects for delete to authenticated
using ((select public.org_role_at_least(organization_id, 'admin')));
