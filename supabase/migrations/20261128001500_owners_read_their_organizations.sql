-- insert ... returning checks the new organization against the select policy before the after-insert trigger
-- has made the owner a member, so creating an organization with supabase-js `.select()` was refused.
-- Owners may always read their organization.

alter policy "Members can read their organizations" on public.organizations
  using (owner_id = (select auth.uid()) or (select public.is_org_member(id)));
alter policy "Members can read their organizations" on public.organizations
  rename to "Members and owners can read their organizations";
