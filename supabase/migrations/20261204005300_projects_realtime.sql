-- "What runs where" follows projects being created, renamed or archived live (RLS decides who receives a row).
alter publication supabase_realtime add table public.projects;
