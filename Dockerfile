# syntax=docker/dockerfile:1
# Leerklimaat online server image. Build:   docker build -t leerklimaat .
# One process on the embedded store:        docker run -p 8080:8080 -v lk-data:/app/data leerklimaat
# Several processes on Redis:               docker compose up (see docker-compose.yml, docs/scaling.md)

# -- 1. the web client: static files built with Node ------------------------------------------
FROM node:20-bookworm-slim AS web
WORKDIR /src/web_client
COPY web_client/package.json web_client/package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error
COPY web_client/ ./
RUN npm run build

# -- 2. the Python wheel: setup.py copies boards/, cards/ and the built client into it ---------
FROM python:3.11-slim-bookworm AS wheel
WORKDIR /src
COPY pyproject.toml setup.py README.md ./
COPY game_server/ game_server/
COPY boards/ boards/
COPY cards/ cards/
COPY plans/ plans/
COPY --from=web /src/web_client/dist/ web_client/dist/
RUN python -m pip wheel --no-cache-dir --no-deps --wheel-dir /wheels .

# -- 3. the runtime: the wheel and its dependencies, nothing else ------------------------------
FROM python:3.11-slim-bookworm
ENV PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    LEERKLIMAAT_HOST=0.0.0.0 \
    LEERKLIMAAT_PORT=8080 \
    LEERKLIMAAT_DATA_DIR=/app/data
# Fonts the PDF report draws Chinese, Japanese, Korean and emoji with (docs/exports.md).
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends fonts-droid-fallback fonts-symbola \
    && rm -rf /var/lib/apt/lists/*
RUN groupadd --system --gid 10001 leerklimaat \
    && useradd --system --uid 10001 --gid leerklimaat --home-dir /app --no-create-home leerklimaat \
    && mkdir -p /app/data \
    && chown -R leerklimaat:leerklimaat /app
COPY --from=wheel /wheels/ /wheels/
RUN python -m pip install --no-cache-dir /wheels/*.whl && rm -rf /wheels
WORKDIR /app
USER 10001:10001
EXPOSE 8080
VOLUME ["/app/data"]
HEALTHCHECK --interval=15s --timeout=3s --start-period=10s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/healthz' % os.environ.get('LEERKLIMAAT_PORT', '8080'), timeout=2)"]
# With several processes: add --redis-url redis://redis:6379/0 (or set LEERKLIMAAT_REDIS_URL).
CMD ["leerklimaat", "serve"]
