-- One database per service (docs/architecture.md), created when the PostgreSQL container initialises an empty data
-- directory (files in /docker-entrypoint-initdb.d run once, as POSTGRES_USER, in alphabetical order).
-- Keep in step with service_core.embedded.catalogue (mieux_<service>) and deploy/k8s/base/postgres/cluster.yaml;
-- tests/deploy/test_compose.py checks every service's MIEUX_DATABASE_URL names a database created here.
CREATE DATABASE mieux_requests;
CREATE DATABASE mieux_actions;
CREATE DATABASE mieux_experts;
CREATE DATABASE mieux_feedback;
