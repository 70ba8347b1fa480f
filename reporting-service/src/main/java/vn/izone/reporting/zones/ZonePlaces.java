package vn.izone.reporting.zones;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.context.api.ManagedExecutorConfig;
import io.smallrye.context.api.NamedInstance;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.eclipse.microprofile.context.ThreadContext;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;
import vn.izone.reporting.registry.RegistryApi;
import vn.izone.reporting.registry.RegistryAway;
import vn.izone.reporting.registry.RegistryClientConfig;

import java.io.IOException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where a zone is (province, former province), for zone snapshots that do not say so themselves: asked once of
 * the registry ({@code GET {izone.registry.url}/api/v1/zones/{id}}) and kept in zone_place. A registry that does
 * not answer is asked again at most once per {@code izone.registry.zone-lookup-retry} (1 minute) per zone; the
 * consumer only queues lookups, so a failed or slow lookup never stops it.
 * <p>
 * Queued lookups run one at a time, in order, on a container-managed executor ({@code zone-place-lookups}: one task
 * at a time, at most 10,000 waiting, shut down with the application) with no context of whoever queued them (they
 * outlive the request or the Kafka record that asked). Each call to the registry is bounded by SmallRye Fault
 * Tolerance: 3 s at most; after 5 failures in 10 calls the registry is not asked for 30 s (so a backlog of zones met
 * while it is down fails fast instead of waiting for each); any failure is "place not known yet" (the fallback).
 */
@ApplicationScoped
public class ZonePlaces {
    private static final Logger LOG = Logger.getLogger(ZonePlaces.class);

    private final EntityManager em;
    private final ObjectMapper json;
    private final RegistryApi registry;
    private final Duration retryAfter;
    private final ManagedExecutor lookups;
    private final Map<String, Instant> failedAt = new ConcurrentHashMap<>();
    private final Set<String> pending = ConcurrentHashMap.newKeySet();

    public ZonePlaces(EntityManager em, ObjectMapper json, @RestClient RegistryApi registry, RegistryClientConfig config,
                      @ManagedExecutorConfig(maxAsync = 1, maxQueued = 10_000, propagated = {}, cleared = ThreadContext.ALL_REMAINING)
                      @NamedInstance("zone-place-lookups") ManagedExecutor lookups) {
        this.em = em;
        this.json = json;
        this.registry = registry;
        this.retryAfter = config.zoneLookupRetry();
        this.lookups = lookups;
    }

    /** Looks the zone up later, off the caller's thread, so a slow registry never holds the consumer up. */
    public void ensureLater(String zoneId) {
        if (pending.add(zoneId)) {
            try {
                lookups.runAsync(() -> {
                    try {
                        ensure(zoneId);
                    } finally {
                        pending.remove(zoneId);
                    }
                });
            } catch (RuntimeException e) { // queue full, or shutting down: asked again by a later snapshot or drill-down
                pending.remove(zoneId);
            }
        }
    }

    /**
     * Looks the zone up in the registry unless its place is cached; true if its place is known afterwards. One lookup
     * at a time, so a zone asked for by the consumer and a drill-down at once is asked of the registry once.
     */
    public synchronized boolean ensure(String zoneId) {
        if (known(zoneId)) {
            return true;
        }
        Instant failed = failedAt.get(zoneId);
        if (failed != null && failed.plus(retryAfter).isAfter(Instant.now())) {
            return false;
        }
        Optional<JsonNode> zone = lookUp(zoneId);
        if (zone.isEmpty()) {
            failedAt.put(zoneId, Instant.now());
            return false;
        }
        store(zoneId, zone.get());
        failedAt.remove(zoneId);
        return true;
    }

    /**
     * The registry's view of the zone; empty when it does not know the zone (4xx). A 5xx, a timeout or an unreachable
     * registry fail the call (and count for the circuit breaker); the fallback makes them empty too.
     */
    @Timeout(3000)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 30_000, successThreshold = 1)
    @CircuitBreakerName("registry-zone-place")
    @Fallback(fallbackMethod = "notKnownYet")
    Optional<JsonNode> lookUp(String zoneId) {
        try (Response response = registry.zone(zoneId)) {
            if (response.getStatus() >= 500) {
                throw new RegistryAway("the registry failed with " + response.getStatus());
            }
            if (response.getStatus() != 200) {
                LOG.debugf("registry answered %d for zone %s", response.getStatus(), zoneId);
                return Optional.empty();
            }
            try {
                return Optional.of(json.readTree(response.readEntity(String.class)));
            } catch (IOException e) {
                LOG.debugf("registry answered zone %s with something else than JSON", zoneId);
                return Optional.empty();
            }
        }
    }

    Optional<JsonNode> notKnownYet(String zoneId, Throwable failure) {
        LOG.debugf("registry lookup of zone %s failed: %s", zoneId, failure.toString());
        return Optional.empty();
    }

    @Transactional
    boolean known(String zoneId) {
        return !em.createNativeQuery("SELECT 1 FROM zone_place WHERE zone_id = ?1").setParameter(1, zoneId).getResultList().isEmpty();
    }

    @Transactional
    void store(String zoneId, JsonNode zone) {
        em.createNativeQuery("""
                INSERT INTO zone_place (zone_id, province_code, former_province_code, kind, status, name, source, fetched_at)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'registry', ?7)
                ON CONFLICT (zone_id) DO UPDATE SET province_code = EXCLUDED.province_code,
                    former_province_code = EXCLUDED.former_province_code, kind = EXCLUDED.kind, status = EXCLUDED.status,
                    name = EXCLUDED.name, fetched_at = EXCLUDED.fetched_at
                """)
                .setParameter(1, zoneId).setParameter(2, text(zone, "provinceCode")).setParameter(3, text(zone, "formerProvinceCode"))
                .setParameter(4, text(zone, "kind")).setParameter(5, text(zone, "status")).setParameter(6, text(zone, "name"))
                .setParameter(7, Timestamp.from(Instant.now()))
                .executeUpdate();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isValueNode() && !value.isNull() ? value.asText() : null;
    }
}
