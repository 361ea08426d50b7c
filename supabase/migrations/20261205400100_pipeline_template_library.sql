-- The template library (issue 13): instantiating a template into a project is recorded, and a template's
-- popularity is the number of those records, kept by a trigger, never a number typed in. Publishing stays a
-- plain insert under the existing policies (operators and admins of the organization; is_public makes it
-- visible to everyone), with created_by pinned to the caller.

create table public.pipeline_template_uses (
  id uuid primary key default gen_random_uuid(),
  template_id uuid not null references public.pipeline_templates (id) on delete cascade,
  project_id uuid not null references public.projects (id) on delete cascade, -- where the template was used
  flow_template_id uuid references public.flow_templates (id) on delete set null, -- the pipeline it became
  used_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now()
);
comment on table public.pipeline_template_uses is 'One row per instantiation of a pipeline template; popularity counts them.';
create index pipeline_template_uses_template_id_idx on public.pipeline_template_uses (template_id);
create index pipeline_template_uses_project_id_idx on public.pipeline_template_uses (project_id);
create index pipeline_template_uses_flow_template_id_idx on public.pipeline_template_uses (flow_template_id);

alter table public.pipeline_template_uses enable row level security;
-- Written only by instantiate_pipeline_template(): no API role may write it directly.
revoke insert, update, delete, truncate on public.pipeline_template_uses from anon, authenticated;

create policy "Members can read their projects' template uses"
on public.pipeline_template_uses for select to authenticated
using ((select private.is_project_member(project_id)));

-- Popularity follows the uses table. The recount runs inside this trigger (trigger depth 2 for the update it
-- makes), which is the only way the column changes after insert.
create or replace function public.count_pipeline_template_uses()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  _template uuid := coalesce(new.template_id, old.template_id);
begin
  update public.pipeline_templates t
  set popularity = (select count(*) from public.pipeline_template_uses u where u.template_id = _template)
  where t.id = _template;
  return null;
end;
$$;
revoke execute on function public.count_pipeline_template_uses() from public, anon, authenticated, service_role;

create trigger pipeline_template_uses_count after insert or delete on public.pipeline_template_uses
for each row execute function public.count_pipeline_template_uses();

create or replace function public.guard_pipeline_template_popularity()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if tg_op = 'INSERT' then
    -- A new template has been used by no one yet, and it was published by whoever inserts it.
    if new.popularity <> 0 then
      raise exception 'Popularity is counted from the template''s uses; a new template starts at 0.' using errcode = '23514';
    end if;
    new.created_by := coalesce(auth.uid(), new.created_by);
  elsif new.popularity is distinct from old.popularity and pg_trigger_depth() < 2 then
    raise exception 'Popularity is counted from the template''s uses and cannot be set.' using errcode = '23514';
  end if;
  return new;
end;
$$;
revoke execute on function public.guard_pipeline_template_popularity() from public, anon, authenticated, service_role;

create trigger pipeline_templates_popularity before insert or update on public.pipeline_templates
for each row execute function public.guard_pipeline_template_popularity();

-- Catalogue numbers typed in before this migration count for nothing: nobody has used a template yet.
alter table public.pipeline_templates disable trigger pipeline_templates_popularity;
update public.pipeline_templates set popularity = 0;
alter table public.pipeline_templates enable trigger pipeline_templates_popularity;

comment on column public.pipeline_templates.popularity is 'How many times the template was instantiated (count of pipeline_template_uses, kept by a trigger).';
comment on column public.pipeline_templates.category is 'Library shelf: Continuous delivery, Machine learning, LLM apps, Infrastructure as code, Security, Language starters…';
create index pipeline_templates_flow_type_idx on public.pipeline_templates (flow_type);

/**
 * A new pipeline in _project_id from a template the caller can see: a public one, or one of the project's own
 * organization. Operators and admins of the project only. Records the use (popularity) and returns the new
 * flow_templates id. 42501 for a viewer or a stranger, P0002 (404) for a template they cannot see, 23505 (409)
 * when the project already has a pipeline of that name.
 */
create or replace function public.instantiate_pipeline_template(_template_id uuid, _project_id uuid, _name text default null)
returns uuid
language plpgsql security definer
set search_path = ''
as $$
declare
  _template public.pipeline_templates;
  _org uuid;
  _id uuid;
begin
  if auth.uid() is null then
    raise exception 'Sign in to use templates.' using errcode = '28000';
  end if;
  select organization_id into _org from public.projects where id = _project_id;
  if _org is null or not public.project_role_at_least(_project_id, 'operator') then
    raise exception 'Only operators and admins of the project can create pipelines from templates.' using errcode = '42501';
  end if;
  select * into _template from public.pipeline_templates t
  where t.id = _template_id and (t.is_public or t.organization_id = _org);
  if not found then
    raise exception 'There is no such template, or it belongs to another organization.' using errcode = 'P0002';
  end if;
  insert into public.flow_templates (project_id, name, description, type, nodes, edges, created_by)
  values (_project_id, coalesce(nullif(btrim(_name), ''), _template.name), _template.description, _template.flow_type,
    _template.nodes, _template.edges, auth.uid())
  returning id into _id;
  insert into public.pipeline_template_uses (template_id, project_id, flow_template_id, used_by)
  values (_template.id, _project_id, _id, auth.uid());
  return _id;
end;
$$;
revoke execute on function public.instantiate_pipeline_template(uuid, uuid, text) from public, anon;
grant execute on function public.instantiate_pipeline_template(uuid, uuid, text) to authenticated;
