-- One policy per table, operation and role on github_tokens: the organization-token policies of
-- 20261128004000 are folded into the per-user ones (and the long name, over the 63-byte limit, goes).

drop policy "Members can see which GitHub token their organization uses" on public.github_tokens;
drop policy "Organization admins can remove their organization's GitHub toke" on public.github_tokens;
drop policy "Users can see which GitHub tokens they have stored" on public.github_tokens;
drop policy "Users can delete their own GitHub tokens" on public.github_tokens;

create policy "Members see their own and their organizations' GitHub tokens"
on public.github_tokens for select to authenticated
using (
  user_id = (select auth.uid())
  or (organization_id is not null and (select public.is_org_member(organization_id)))
);

-- A personal token is its owner's to delete; an organization's token is its admins', whoever saved it.
create policy "Owners and organization admins can delete GitHub tokens"
on public.github_tokens for delete to authenticated
using (
  case when organization_id is null then user_id = (select auth.uid())
       else (select public.org_role_at_least(organization_id, 'admin')) end
);
