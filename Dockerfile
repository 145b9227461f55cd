# Autopost's image: the same install as ./scripts/run.sh, the README's commands and CI
# (scripts/install.sh, with the versions constraints.txt pins), on Python 3.11.
# Build: docker build -t autopost .     Run: see compose.yaml and docs/deploy.md.
FROM python:3.11-slim

RUN useradd --system --user-group --home-dir /app --shell /usr/sbin/nologin autopost \
    && mkdir -p /app /var/lib/autopost \
    && chown autopost:autopost /app /var/lib/autopost
WORKDIR /app
USER autopost

# What the install reads, then the install itself, so that a change of code alone reuses the
# layer of the dependencies only when pyproject.toml and constraints.txt are unchanged.
COPY --chown=autopost:autopost pyproject.toml constraints.txt README.md LICENSE NOTICE ./
COPY --chown=autopost:autopost scripts/ scripts/
COPY --chown=autopost:autopost src/ src/
RUN ./scripts/install.sh

ENV PATH=/app/.venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    AUTOPOST_VAR_DIR=/var/lib/autopost
VOLUME /var/lib/autopost
EXPOSE 8000

# On SIGTERM Autopost stops taking work, lets what it holds end within
# AUTOPOST_STOP_GRACE_SECONDS (30) and exits 0: give it longer than that
# (`docker stop -t 40`, compose's stop_grace_period) before it is killed.
STOPSIGNAL SIGTERM
CMD ["autopost", "serve", "--host", "0.0.0.0", "--port", "8000"]
