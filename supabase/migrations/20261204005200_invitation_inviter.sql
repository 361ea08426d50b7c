-- The invitation page says who invited you (as in 20261203000200, plus the inviter's name): people decide
-- whether to trust a link by who sent it.
drop function public.invitation_preview(text);

/** What an invitation link offers, for the page that accepts it (signed-in users only). */
create function public.invitation_preview(_token text)
returns table (organization_name text, email text, role public.app_role, expires_at timestamptz, status text, invited_by_name text)
language sql stable security definer
set search_path = ''
as $$
  select o.name, i.email, i.role, i.expires_at,
    case when i.accepted_at is not null then 'accepted' when i.expires_at <= now() then 'expired' else 'open' end,
    coalesce(nullif(p.full_name, ''), u.email)
  from public.organization_invitations i
  join public.organizations o on o.id = i.organization_id
  left join auth.users u on u.id = i.invited_by
  left join public.profiles p on p.id = i.invited_by
  where i.token_hash = encode(extensions.digest(coalesce(_token, ''), 'sha256'), 'hex')
$$;
revoke execute on function public.invitation_preview(text) from public, anon;
grant execute on function public.invitation_preview(text) to authenticated;
