FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app

# What the importer reads with, besides Python: LibreOffice for .doc and .wps files, and the
# libraries OpenCV (under the OCR engine) loads.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libreoffice-writer-nogui libgl1 libglib2.0-0 \
    && rm -rf /var/lib/apt/lists/*

# The same install step as `make install`: everything the project needs comes from pyproject.toml.
COPY pyproject.toml README.md ./
COPY archive ./archive
COPY replies ./replies
RUN pip install --no-cache-dir .

COPY manage.py ./
COPY templates ./templates
COPY static ./static
COPY samples ./samples

# collectstatic only reads settings; the key here is never used to sign anything.
RUN DJANGO_DEBUG=0 DJANGO_SECRET_KEY=collectstatic-build-step-only \
    python manage.py collectstatic --noinput

RUN useradd --create-home archive
USER archive

EXPOSE 8000
CMD ["gunicorn", "archive.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
