#!/bin/sh
# Runs once, as the image's superuser, when the PostgreSQL volume is first initialised (docker-entrypoint-initdb.d).
# Creates the two logins ArCollect needs and the database, owned by the owner login:
#   arcollect_owner  owns the schema; the app migrates with it (ConnectionStrings:Migrations). Not a superuser.
#   arcollect_web    the app's everyday login (ConnectionStrings:Default): no SUPERUSER, no BYPASSRLS, no CREATEDB,
#                    no CREATEROLE; it gets its rights only through the arcollect_app role, which row-level security binds.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v owner_password="$ARCOLLECT_OWNER_PASSWORD" -v app_password="$ARCOLLECT_APP_PASSWORD" <<'SQL'
CREATE ROLE arcollect_owner LOGIN PASSWORD :'owner_password' NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
CREATE ROLE arcollect_app NOLOGIN NOSUPERUSER NOBYPASSRLS;
GRANT arcollect_app TO arcollect_owner;
CREATE ROLE arcollect_web LOGIN PASSWORD :'app_password' NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE INHERIT;
GRANT arcollect_app TO arcollect_web;
CREATE DATABASE arcollect OWNER arcollect_owner;
REVOKE ALL ON DATABASE arcollect FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE arcollect TO arcollect_app;
\connect arcollect
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
ALTER SCHEMA public OWNER TO arcollect_owner;
SQL
