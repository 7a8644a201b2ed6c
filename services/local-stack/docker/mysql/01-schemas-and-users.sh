# shellcheck shell=bash
# docker compose: one schema and one user per service, each user reaching only its own schema
# (each service owns its database), and the same for Keycloak. The mysql image runs this
# once, on an empty volume, from /docker-entrypoint-initdb.d: a *.sh file that is not executable is
# sourced by the image's entrypoint, so its docker_process_sql (the mysql client, root, local socket)
# is at hand. The passwords come from the container's environment (docker-compose.yml passes them
# from .env); none is written here. Flyway creates the services' tables and Keycloak its own when
# each starts. This file is sourced into the entrypoint's shell: it changes no shell option.

if ! declare -F docker_process_sql > /dev/null; then
    # Executed rather than sourced (someone made the file executable): reach the server the same way.
    docker_process_sql() { MYSQL_PWD="$MYSQL_ROOT_PASSWORD" mysql --protocol=socket -uroot "$@"; }
fi

# A MySQL string literal: backslashes and single quotes escaped (\ is an escape character in MySQL's
# default SQL mode), so any password can be used.
innoleap_sql_string() {
    local s=${1//\\/\\\\}
    s=${s//\'/\\\'}
    printf "'%s'" "$s"
}

# usage: innoleap_schema_and_user SCHEMA USER PASSWORD_VARIABLE [COLLATION]
innoleap_schema_and_user() {
    local schema=$1 user=$2 password_variable=$3 collation=${4:-utf8mb4_0900_ai_ci}
    local password=${!password_variable:-}
    if [ -z "$password" ]; then
        echo "01-schemas-and-users.sh: $password_variable is empty; docker-compose.yml passes it from .env (see .env.example)" >&2
        exit 1
    fi
    docker_process_sql --database=mysql <<EOSQL
CREATE DATABASE IF NOT EXISTS \`$schema\` CHARACTER SET utf8mb4 COLLATE $collation;
CREATE USER IF NOT EXISTS '$user'@'%' IDENTIFIED BY $(innoleap_sql_string "$password");
GRANT ALL PRIVILEGES ON \`$schema\`.* TO '$user'@'%';
EOSQL
}

#                        schema     user               password variable
innoleap_schema_and_user problems   problem_service    PROBLEM_SERVICE_DB_PASSWORD
innoleap_schema_and_user solutions  solution_service   SOLUTION_SERVICE_DB_PASSWORD
innoleap_schema_and_user matcher    matcher_service    MATCHER_SERVICE_DB_PASSWORD
innoleap_schema_and_user scheduler  scheduler_service  SCHEDULER_SERVICE_DB_PASSWORD
# Keycloak's database guide recommends utf8mb4 with utf8mb4_unicode_ci for MySQL.
innoleap_schema_and_user keycloak   keycloak           KEYCLOAK_DB_PASSWORD          utf8mb4_unicode_ci
