-- The application's database role. The running program drops to it (SET ROLE, see database.OpenAs), and a
-- production deployment logs in as a role that is a member of it and nothing more (deploy/README.md). It may
-- read and write every table, but only append to the audit log: that the log cannot be rewritten rests on the
-- privileges here, not only on the trigger, which an owner could disable. Migrations run as the owner.

-- +goose Up
-- +goose StatementBegin
DO $$
BEGIN
    CREATE ROLE leergang_app NOLOGIN;
EXCEPTION
    -- Roles belong to the whole server: another database (or a test running beside this one) made it first.
    WHEN duplicate_object OR unique_violation THEN NULL;
    -- A hosted server where the owner may not create roles: an operator creates it once (deploy/README.md).
    WHEN insufficient_privilege THEN
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'leergang_app') THEN
            RAISE EXCEPTION 'role leergang_app is missing and may not be created here: CREATE ROLE leergang_app NOLOGIN as an administrator';
        END IF;
END
$$;
-- +goose StatementEnd

-- The owner may take on the role too, so a single-login setup (the local cluster, Docker Compose) can drop to it.
-- +goose StatementBegin
DO $$
BEGIN
    EXECUTE format('GRANT leergang_app TO %I', current_user);
EXCEPTION
    WHEN insufficient_privilege OR invalid_grant_operation THEN
        RAISE NOTICE 'could not make % a member of leergang_app: give the app its own login in that role', current_user;
END
$$;
-- +goose StatementEnd

-- Nobody but the owner creates objects in this database's public schema.
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO leergang_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO leergang_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO leergang_app;
-- Tables and sequences of later migrations get the same rights.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO leergang_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO leergang_app;

-- Append-only: read and add, never change or remove.
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM leergang_app;
-- The migration history is the owner's.
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON goose_db_version FROM leergang_app;

-- +goose Down
ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON SEQUENCES FROM leergang_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON TABLES FROM leergang_app;
REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM leergang_app;
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM leergang_app;
REVOKE ALL ON SCHEMA public FROM leergang_app;
GRANT CREATE ON SCHEMA public TO PUBLIC;
-- The role itself stays: other databases on the server may use it.
