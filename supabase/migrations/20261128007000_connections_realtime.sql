-- The connections page updates live: a status set by a health check (on demand, or the scheduled run of
-- connection-health-check) and each new connection_health_events row reach the open page. RLS ("Members can
-- read their organizations' connections", "Members can read connection health") decides who receives a row;
-- connections carry no credential (secret_ref only names a function secret).

alter publication supabase_realtime add table public.connections, public.connection_health_events;
