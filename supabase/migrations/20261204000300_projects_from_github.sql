-- Projects a team creates itself: from a GitHub repository (github-api POST /projects detects the language and
-- build tool and links the repository), and archived when done. An archived project keeps its history and stays
-- readable, but starts no runs and takes no deployments until an admin restores it.

alter table public.projects
  add column language text check (length(language) <= 100), -- the repository's main language, as GitHub reports it
  add column build_tool text check (length(build_tool) <= 50), -- detected from the repository's root files (npm, maven, …)
  add column archived_at timestamptz,
  add column archived_by uuid references auth.users (id) on delete set null;
comment on column public.projects.archived_at is 'Set by an admin to archive: history stays, new runs and deployments are refused.';

-- Who archived it is whoever set archived_at, whatever the client sends; restoring clears both.
create or replace function public.stamp_project_archive()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  if new.archived_at is distinct from old.archived_at then
    new.archived_by := case when new.archived_at is null then null else auth.uid() end;
    if new.archived_at is not null then
      new.archived_at := now();
    end if;
  else
    new.archived_by := old.archived_by;
  end if;
  return new;
end
$$;
revoke execute on function public.stamp_project_archive() from public, anon, authenticated;
create trigger projects_archive_stamp before update on public.projects
for each row execute function public.stamp_project_archive();

/** Refuses new work in an archived project (runs, deployments), with a sentence the UI shows. */
create or replace function public.refuse_archived_project()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  _project record;
begin
  select p.name, p.archived_at into _project from public.projects p where p.id = new.project_id;
  if _project.archived_at is not null then
    raise exception 'project % is archived; an admin can restore it on the Projects page', _project.name
      using errcode = 'check_violation';
  end if;
  return new;
end
$$;
revoke execute on function public.refuse_archived_project() from public, anon, authenticated;
create trigger executions_refuse_archived_project before insert on public.executions
for each row execute function public.refuse_archived_project();
create trigger deployments_refuse_archived_project before insert on public.deployments
for each row execute function public.refuse_archived_project();

create index projects_active_idx on public.projects (organization_id) where archived_at is null;
