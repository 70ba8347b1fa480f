#!/usr/bin/env python3
"""The registry's request path in a JFR recording, by category (docs/performance.md, "Registry write path — session 7").

    python3 deploy/bench/jfr-categories.py /tmp/wp/post.jfr [more.jfr ...]

Reads jdk.ExecutionSample through `jfr print --json` (all files together), and counts each sample of the request
threads and the event loop once, in the first category below whose pattern its stack matches (so the order matters:
an outbox insert is counted under the outbox, not under Hibernate's persist).
"""
import collections
import json
import re
import subprocess
import sys

CATEGORIES = [
    ("idempotency hash (JSON + SHA-256)", r"IdempotencyKeys\.hash"),
    ("Outbox.record (row persist, event JSON, trace context)", r"events/Outbox\.record"),
    ("hibernate flush (dirty check, insert/update actions)", r"SessionImpl\.(flush|autoFlush|doFlush)|AbstractFlushingEventListener|"
     r"DefaultAutoFlushEventListener|DefaultFlushEventListener|ActionQueue\.execute|flushBeforeTransactionCompletion"),
    ("project rows and idempotency key lookup (plain JDBC, session 13)", r"project/ProjectRows\.|api/IdempotencyKeys\.find"),
    ("JTA begin/commit (Narayana, JDBC commit)", r"TransactionalInterceptorBase\.(endTransaction|beginTransaction)|NotifyingTransactionManager|arjuna"),
    ("hibernate persist", r"SessionImpl\.persist|PanacheEntityBase\.persist"),
    ("hibernate queries (zone, leased land, idempotency key)", r"SessionImpl\.find|AbstractSelectionQuery|NativeQueryImpl|AbstractQuery\.executeUpdate|"
     r"IdentifierLoadAccessImpl|SqmQueryImpl|createQuery|createNativeQuery"),
    # the validator's own work, not everything below the method-validation interceptor (it wraps the service call)
    ("bean validation", r"hibernate/validator/internal/engine/ValidatorImpl\.validate"),
    ("request JSON (Jackson, StrictJson)", r"MessageBodyReader|readFrom|BeanDeserializer|StrictJson|ObjectReader"),
    ("response (Jackson, headers, Location)", r"ServerSerialisers|ResponseWriterHandler|MessageBodyWriter|ResponseBuilderImpl"),
    ("security (authentication, roles)", r"security|jwt"),
    ("opentelemetry", r"opentelemetry"),
    ("ArC interceptors / CDI", r"io/quarkus/arc|InvocationContext"),
    ("RESTEasy routing/handlers", r"resteasy"),
    ("Vert.x / Netty HTTP", r"vertx|netty"),
]
PATTERNS = [(name, re.compile(p)) for name, p in CATEGORIES]


def samples(path):
    out = subprocess.run(["jfr", "print", "--json", "--events", "jdk.ExecutionSample", "--stack-depth", "96", path],
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out)["recording"]["events"]


def main(paths):
    per_thread = collections.defaultdict(collections.Counter)
    for path in paths:
        for event in samples(path):
            values = event["values"]
            thread = re.sub(r"\d+", "#", values["sampledThread"]["javaName"] or "?")
            frames = values["stackTrace"]["frames"] if values["stackTrace"] else []
            stack = "\n".join(f["method"]["type"]["name"] + "." + f["method"]["name"] for f in frames)
            category = next((name for name, p in PATTERNS if p.search(stack)), "other")
            per_thread[thread][category] += 1
    for thread, counts in sorted(per_thread.items(), key=lambda t: -sum(t[1].values())):
        total = sum(counts.values())
        print(f"{thread}: {total} samples")
        for category, n in counts.most_common():
            print(f"  {n:6d} {100 * n / total:5.1f} %  {category}")


if __name__ == "__main__":
    main(sys.argv[1:])
