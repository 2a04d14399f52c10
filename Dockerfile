# auto-trader container image (linux/amd64 and linux/arm64: both base images are published for the Pi 5).
#   docker build -t auto-trader .            or, with PostgreSQL and Redis: docker compose -f docker-compose.app.yml up -d
#
# Stage 1 builds the jar with the Maven wrapper (tests are CI's job: .ci/run), stage 2 runs it on a JRE as an
# unprivileged user. The Maven repository is a BuildKit cache mount (Docker 23+ builds with BuildKit by
# default), so a rebuild after a code change downloads nothing.
#
# No HEALTHCHECK here: the JRE image has no curl or wget, and adding one only for that would grow the image.
# docker-compose.app.yml checks GET /actuator/health with bash's /dev/tcp instead; other orchestrators should
# probe http://<container>:8000/actuator/health (open without login).

FROM eclipse-temurin:17-jdk AS build
WORKDIR /build
COPY mvnw pom.xml ./
COPY .mvn/ .mvn/
COPY src/ src/
COPY routes/ routes/
# the wrapper downloads Maven itself (with Java when the image has neither wget nor curl)
RUN --mount=type=cache,target=/root/.m2 \
    chmod +x mvnw \
    && ./mvnw -B -ntp -DskipTests package \
    && mkdir -p /out \
    && cp target/auto-trader-*.jar /out/app.jar

FROM eclipse-temurin:17-jre
# uid/gid 10001: no clash with the base image's own users (ubuntu is 1000)
RUN groupadd --system --gid 10001 autotrader \
    && useradd --system --uid 10001 --gid autotrader --home-dir /app --no-create-home \
       --shell /usr/sbin/nologin autotrader \
    && mkdir -p /app/data \
    && chown autotrader:autotrader /app/data
WORKDIR /app
# owned by root, read-only for the app; only /app/data (the H2 fallback database) is writable
COPY --from=build /out/app.jar /app/app.jar
# the small-machine JVM options (Serial GC, heap given back, native heap trimmed, C1 only): see jvm.options
COPY jvm.options /app/jvm.options
USER 10001:10001
ENV SERVER_PORT=8000
# two glibc malloc arenas instead of up to 8 per core: less native memory held by the JVM's threads
ENV MALLOC_ARENA_MAX=2
EXPOSE 8000
# MaxRAMPercentage: the heap follows the container's memory limit (75 % of it; the rest is metaspace,
# threads and buffers). ExitOnOutOfMemoryError: a JVM out of memory exits and the restart policy brings it
# back, instead of limping on. Add flags with JAVA_TOOL_OPTIONS.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "@/app/jvm.options", "-jar", "/app/app.jar"]
