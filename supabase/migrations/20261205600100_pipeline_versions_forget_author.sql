-- Deleting an account that saved pipeline versions failed: flow_template_versions.created_by is `on delete set
-- null`, and that update met the append-only trigger. The one change a version allows is forgetting its author
-- when their account is deleted; everything else still refuses (restore an earlier version instead).

create or replace function public.keep_flow_template_versions()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  if tg_op = 'DELETE' and not exists (select 1 from public.flow_templates f where f.id = old.flow_template_id) then
    return old;
  end if;
  if tg_op = 'UPDATE' and new.created_by is null and old.created_by is not null
    and not exists (select 1 from auth.users u where u.id = old.created_by)
    and (to_jsonb(new) - 'created_by') = (to_jsonb(old) - 'created_by') then
    return new;
  end if;
  raise exception 'pipeline versions are append-only: restore an earlier version instead, which adds a new one'
    using errcode = 'PT409';
end
$$;

revoke execute on function public.keep_flow_template_versions() from public, anon, authenticated;
