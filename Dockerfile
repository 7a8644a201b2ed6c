# syntax=docker/dockerfile:1
# One image recipe for the four services; the build argument SERVICE names the module.
# Build context: the repository root (the modules are built with their reactor dependencies).
#   docker build --build-arg SERVICE=problem-service --build-arg PORT=8081 -t innoleap/problem-service .
# docker-compose.yml passes these arguments for each service.

# --- build: the Maven Wrapper in a JDK 17 image ------------------------------------------------
# This stage does not read SERVICE: it packages all four services, so its cache key is the same for
# every image and the reactor is built once, then reused from the build cache for the other three.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
# The cache mount keeps ~/.m2 (the wrapper's Maven and the dependencies) between builds; "locked"
# makes parallel builds take turns instead of writing the same local repository at once.
RUN --mount=type=cache,target=/root/.m2,sharing=locked \
    ./mvnw -B -q -DskipTests \
      -pl services/problem-service,services/solution-service,services/matcher-service,services/scheduler-service \
      -am package

# --- run: the service's shaded jar on a JRE 17, as a non-root user -----------------------------
FROM eclipse-temurin:17-jre
# curl for the health check; declared before the build arguments so this layer is shared.
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --create-home --uid 10001 innoleap \
 && install -d -o innoleap -g innoleap /app /app/data

# SERVICE: the module under services/ (problem-service, solution-service, matcher-service,
# scheduler-service). PORT: the port it listens on. JAVA_OPTS: the JVM flags baked in as the default
# (the matcher needs a larger heap for its embedding model and --add-modules jdk.incubator.vector);
# the container's environment can still override JAVA_OPTS and PORT at run time.
ARG SERVICE
ARG PORT
ARG VERSION=1.0.0-SNAPSHOT
ARG JAVA_OPTS="-XX:+UseSerialGC -Xmx256m -XX:+ExitOnOutOfMemoryError"
RUN if [ -z "$SERVICE" ] || [ -z "$PORT" ]; then \
      echo "build arguments SERVICE and PORT are required, e.g. --build-arg SERVICE=problem-service --build-arg PORT=8081" >&2; \
      exit 1; \
    fi
COPY --from=build --chown=innoleap:innoleap /src/services/${SERVICE}/target/${SERVICE}-${VERSION}.jar /app/app.jar
USER innoleap
WORKDIR /app
ENV PORT=${PORT} \
    INNOLEAP_DATA_DIR=/app/data \
    JAVA_OPTS=${JAVA_OPTS}
EXPOSE ${PORT}
HEALTHCHECK --interval=10s --timeout=5s --start-period=90s --retries=12 \
  CMD curl -fsS "http://localhost:${PORT}/health" > /dev/null || exit 1
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /app/app.jar"]
