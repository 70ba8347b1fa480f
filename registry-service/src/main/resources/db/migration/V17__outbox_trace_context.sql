-- The W3C trace context of the request that wrote the event (issue #17): traceparent (and tracestate, when the trace
-- has one) as OpenTelemetry's W3C propagator writes them. The relay sends it on as the Kafka record's traceparent
-- header, from a span that is the child of this one, so a change is one trace from the department's request to the
-- snapshot reporting stores. Null for rows written before, and for the history a rebuild brings back from the topics.
-- Adding nullable columns without a default rewrites nothing.
ALTER TABLE outbox_event
    ADD COLUMN traceparent text,
    ADD COLUMN tracestate  text;
