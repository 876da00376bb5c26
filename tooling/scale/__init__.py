"""A synthetic gemeente at scale, for benchmarks: `manage.py seed_scale --jongeren N` (see
`seed.py`). Callers import from here."""

from tooling.scale.data import (
    BENCH_CASELOAD,
    BENCH_JONGEREN,
    BENCH_PASSWORD,
    BENCH_PROFESSIONALS,
    BENCH_TOTP_SECRET,
    BENCH_USER_AGENT,
    GEMEENTE,
    bench_jongere_email,
    bench_professional_email,
)
from tooling.scale.seed import ScaleDataError, ScaleResult, describe, scale_data_exists, seed_scale

__all__ = [
    "BENCH_CASELOAD",
    "BENCH_JONGEREN",
    "BENCH_PASSWORD",
    "BENCH_PROFESSIONALS",
    "BENCH_TOTP_SECRET",
    "BENCH_USER_AGENT",
    "GEMEENTE",
    "ScaleDataError",
    "ScaleResult",
    "bench_jongere_email",
    "bench_professional_email",
    "describe",
    "scale_data_exists",
    "seed_scale",
]
