package vn.izone.reporting.zones;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Where a zone is (province, former province), for zone snapshots that do not say so themselves: asked once of
 * the registry ({@code GET {izone.registry.url}/api/v1/zones/{id}}) and kept in zone_place. A registry that does
 * not answer is asked again at most once a minute per zone; the consumer only queues lookups, so a failed or slow
 * lookup never stops it.
 */
@ApplicationScoped
public class ZonePlaces {
    private static final Logger LOG = Logger.getLogger(ZonePlaces.class);
    private static final Duration RETRY_AFTER = Duration.ofMinutes(1);

    private final EntityManager em;
    private final ObjectMapper json;
    private final String registryUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<String, Instant> failedAt = new ConcurrentHashMap<>();
    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    private final ExecutorService lookups = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(10_000), r -> {
        Thread t = new Thread(r, "zone-place-lookup");
        t.setDaemon(true);
        return t;
    });

    public ZonePlaces(EntityManager em, ObjectMapper json, @ConfigProperty(name = "izone.registry.url") String registryUrl) {
        this.em = em;
        this.json = json;
        this.registryUrl = registryUrl.endsWith("/") ? registryUrl.substring(0, registryUrl.length() - 1) : registryUrl;
    }

    /** Looks the zone up later, on a thread of its own, so a slow registry never holds the consumer up. */
    public void ensureLater(String zoneId) {
        if (pending.add(zoneId)) {
            try {
                lookups.execute(() -> {
                    try {
                        ensure(zoneId);
                    } finally {
                        pending.remove(zoneId);
                    }
                });
            } catch (RuntimeException e) {
                pending.remove(zoneId);
            }
        }
    }

    @PreDestroy
    void stop() {
        lookups.shutdownNow();
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
        if (failed != null && failed.plus(RETRY_AFTER).isAfter(Instant.now())) {
            return false;
        }
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(registryUrl + "/api/v1/zones/" + zoneId))
                    .timeout(Duration.ofSeconds(3)).header("Accept", "application/json").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                LOG.debugf("registry answered %d for zone %s", response.statusCode(), zoneId);
                failedAt.put(zoneId, Instant.now());
                return false;
            }
            JsonNode zone = json.readTree(response.body());
            store(zoneId, zone);
            failedAt.remove(zoneId);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            LOG.debugf("registry lookup of zone %s failed: %s", zoneId, e.toString());
            failedAt.put(zoneId, Instant.now());
            return false;
        }
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
