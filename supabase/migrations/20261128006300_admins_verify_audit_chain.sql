-- The audit page lets organization admins check the hash chain themselves. verify_audit_chain() walks the
-- one installation-wide chain (every organization's rows are links in it), so it stays security definer and
-- answers only the id of the first broken row, never row contents; callers through the API must be an admin
-- of some organization (or an installation admin). service_role and direct database sessions are unchanged.

create or replace function public.verify_audit_chain()
returns bigint
language plpgsql stable security definer
set search_path = ''
as $$
declare
  _row public.audit_logs;
  _prev text := null;
begin
  if coalesce(auth.role(), '') in ('authenticated', 'anon')
    and not exists (select 1 from public.organization_members m where m.user_id = auth.uid() and m.role = 'admin')
    and not public.has_role(auth.uid(), 'admin') then
    raise exception 'only organization admins can verify the audit chain' using errcode = '42501';
  end if;
  for _row in select * from public.audit_logs order by id loop
    if _row.prev_hash is distinct from _prev
      or _row.hash <> encode(extensions.digest(coalesce(_row.prev_hash, '') || audit.canonical(_row), 'sha256'), 'hex') then
      return _row.id;
    end if;
    _prev := _row.hash;
  end loop;
  return null;
end
$$;

revoke execute on function public.verify_audit_chain() from public, anon;
grant execute on function public.verify_audit_chain() to authenticated, service_role;
