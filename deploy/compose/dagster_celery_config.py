"""What dagster-celery's worker app reads (on PYTHONPATH): the broker and result backend."""

import os

broker_url = os.environ["NEWSCLAIMS_CELERY_BROKER"]
result_backend = broker_url
worker_prefetch_multiplier = 1
