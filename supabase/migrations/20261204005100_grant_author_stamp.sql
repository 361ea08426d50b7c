-- Who made a grant is whoever inserted it, whatever the client sends (as in 20261203000300, plus created_by):
-- a person's insert is stamped with auth.uid(); the service role (the seed, an import) may name the author.
-- An update keeps the original author.
create or replace function public.prepare_environment_permission()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  select e.project_id, p.organization_id into new.project_id, new.organization_id
  from public.environments e join public.projects p on p.id = e.project_id
  where e.id = new.environment_id;
  new.reason := nullif(btrim(new.reason), '');
  new.created_by := case when tg_op = 'UPDATE' then old.created_by else coalesce(auth.uid(), new.created_by) end;
  return new;
end
$$;
revoke execute on function public.prepare_environment_permission() from public, anon, authenticated;
