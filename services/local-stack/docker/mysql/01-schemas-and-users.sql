-- docker compose: one schema and one user per service; each user can reach only its own schema
-- (DESIGN.md: each service owns its database). Run once by the mysql image on an empty volume
-- (/docker-entrypoint-initdb.d). The passwords are for a local machine only; docker-compose.yml
-- passes the same ones to the services. Flyway creates the tables when each service starts.

CREATE DATABASE IF NOT EXISTS problems CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_ai_ci;
CREATE DATABASE IF NOT EXISTS solutions CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_ai_ci;
CREATE DATABASE IF NOT EXISTS matcher CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_ai_ci;
CREATE DATABASE IF NOT EXISTS scheduler CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_ai_ci;

CREATE USER IF NOT EXISTS 'problem_service'@'%' IDENTIFIED BY 'problem-service-local';
CREATE USER IF NOT EXISTS 'solution_service'@'%' IDENTIFIED BY 'solution-service-local';
CREATE USER IF NOT EXISTS 'matcher_service'@'%' IDENTIFIED BY 'matcher-service-local';
CREATE USER IF NOT EXISTS 'scheduler_service'@'%' IDENTIFIED BY 'scheduler-service-local';

GRANT ALL PRIVILEGES ON problems.* TO 'problem_service'@'%';
GRANT ALL PRIVILEGES ON solutions.* TO 'solution_service'@'%';
GRANT ALL PRIVILEGES ON matcher.* TO 'matcher_service'@'%';
GRANT ALL PRIVILEGES ON scheduler.* TO 'scheduler_service'@'%';

FLUSH PRIVILEGES;
