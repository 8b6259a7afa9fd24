"""Schemathesis hooks for fuzzing the portal sandbox (see README.md here).

An Idempotency-Key is the client's promise that one key means one action. A fuzzer draws keys
from the schema and sends the same drawn key with other bodies, which the portal rightly refuses
(422 idempotency_key_reused). A schema cannot say "unique per request", so every schema-valid
request gets a fresh key here; the schema-violating ones keep the key the fuzzer drew, so the
key's own form is still tested.
"""

import uuid

import schemathesis


@schemathesis.hook
def before_call(ctx, case, **kwargs):
    headers = case.headers or {}
    if "Idempotency-Key" not in headers:
        return
    meta = case.meta
    if meta is not None and not meta.generation.mode.is_positive:
        return
    case.headers["Idempotency-Key"] = str(uuid.uuid4())
