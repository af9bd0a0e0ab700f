-- Hand-written: forced RLS for background imports.
ALTER TABLE catalog_imports FORCE ROW LEVEL SECURITY;
