package vn.izone.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The generated register the bench loads through the public API: zones spread over every province in force and
 * every former province (the real codes, read from the registry's reference migration), in realistic kinds,
 * lifecycle states and areas; projects spread over the zones that can hold them, each zone's leased land within
 * its land for lease; quarterly reports for whole past years. Seeded: every run loads the same register.
 */
final class Dataset {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] COUNTRIES = {"KR", "JP", "CN", "SG", "TW", "US", "DE", "HK", "TH", "NL"};
    private static final String[] SECTORS = {"electronics", "textiles", "garments", "footwear", "food processing",
            "mechanical engineering", "automotive parts", "chemicals", "plastics", "logistics", "pharmaceuticals", "furniture"};

    /** A place a zone can be in: today's province and one of the former provinces merged into it. */
    record Place(String province, String former) {
    }

    /** One zone to register, and how many projects it will hold. */
    record ZonePlan(int n, String kind, String status, double plannedHa, double establishedHa, double landHa, Place place,
                    int projects) {
        boolean takesProjects() {
            return projects > 0;
        }

        boolean takesReports() {
            return !status.equals("REMOVED_FROM_PLANNING") && !status.equals("PLANNED");
        }
    }

    final List<Place> places;
    final List<ZonePlan> zones = new ArrayList<>();
    final int reportYears;
    final LocalDate today = LocalDate.now();

    Dataset(Path root, int zoneCount, int projectCount, int reportYears) throws IOException {
        this.places = places(root.resolve("registry-service/src/main/resources/db/migration/V2__reference_provinces.sql"));
        this.reportYears = reportYears;
        Random random = new Random(20_251_123L);
        List<String> kinds = new ArrayList<>();
        List<String> statuses = new ArrayList<>();
        for (int i = 0; i < zoneCount; i++) {
            // Nationally about a third of the zones are industrial parks, most of the rest clusters, a few economic zones.
            int k = random.nextInt(100);
            kinds.add(k < 34 ? "INDUSTRIAL_PARK" : k < 97 ? "INDUSTRIAL_CLUSTER" : "ECONOMIC_ZONE");
            int s = random.nextInt(100);
            statuses.add(s < 55 ? "IN_OPERATION" : s < 62 ? "EXPANDED" : s < 75 ? "UNDER_CONSTRUCTION" : s < 80 ? "DETAILED_PLANNING_APPROVED"
                    : s < 85 ? "INVESTMENT_APPROVED" : s < 90 ? "ESTABLISHED" : s < 98 ? "PLANNED" : "REMOVED_FROM_PLANNING");
        }
        // Projects go to zones established and building or operating; parks and economic zones hold more than clusters.
        double[] weight = new double[zoneCount];
        double total = 0;
        for (int i = 0; i < zoneCount; i++) {
            String st = statuses.get(i);
            boolean holds = st.equals("IN_OPERATION") || st.equals("EXPANDED") || st.equals("UNDER_CONSTRUCTION");
            weight[i] = !holds ? 0 : kinds.get(i).equals("INDUSTRIAL_CLUSTER") ? 1 : kinds.get(i).equals("INDUSTRIAL_PARK") ? 4 : 8;
            total += weight[i];
        }
        int assigned = 0;
        int[] count = new int[zoneCount];
        for (int i = 0; i < zoneCount; i++) {
            count[i] = (int) Math.floor(projectCount * weight[i] / total);
            assigned += count[i];
        }
        for (int i = 0; assigned < projectCount; i = (i + 1) % zoneCount) {
            if (weight[i] > 0) {
                count[i]++;
                assigned++;
            }
        }
        for (int i = 0; i < zoneCount; i++) {
            String kind = kinds.get(i);
            double planned = switch (kind) {
                case "INDUSTRIAL_CLUSTER" -> 15 + random.nextInt(56);          // Decree 32/2024: 10-75 ha
                case "INDUSTRIAL_PARK" -> 100 + random.nextInt(900);
                default -> 2_000 + random.nextInt(30_000);
            };
            double established = statuses.get(i).equals("PLANNED") ? planned : Math.round(planned * (0.8 + 0.2 * random.nextDouble()));
            double land = Math.round(established * 0.65);
            zones.add(new ZonePlan(i, kind, statuses.get(i), planned, established, land, places.get(i % places.size()), count[i]));
        }
    }

    int projectCount() {
        return zones.stream().mapToInt(ZonePlan::projects).sum();
    }

    int reportCount() {
        return (int) zones.stream().filter(ZonePlan::takesReports).count() * reportYears * 4;
    }

    ObjectNode zone(ZonePlan z) {
        ObjectNode o = JSON.createObjectNode();
        String label = switch (z.kind()) {
            case "INDUSTRIAL_CLUSTER" -> "Cụm công nghiệp";
            case "INDUSTRIAL_PARK" -> "Khu công nghiệp";
            default -> "Khu kinh tế";
        };
        o.put("kind", z.kind()).put("name", label + " bench " + z.n()).put("provinceCode", z.place().province())
                .put("formerProvinceCode", z.place().former()).put("status", z.status());
        if (!z.status().equals("PLANNED")) {
            // Established before Decree 32/2024 took effect (clusters are then not re-checked against it).
            o.put("statusDate", LocalDate.of(2005 + z.n() % 19, 1 + z.n() % 12, 1).toString());
        }
        if (z.status().equals("UNDER_CONSTRUCTION")) {
            o.put("constructionProgressPercent", 10 + z.n() % 80);
        }
        if (z.kind().equals("INDUSTRIAL_CLUSTER")) {
            o.put("clusterModel", z.n() % 5 == 0 ? "ECOLOGICAL" : "SPECIALISED");
        }
        o.put("plannedAreaHa", z.plannedHa()).put("establishedAreaHa", z.establishedHa()).put("industrialLandHa", z.landHa())
                .put("validOn", today.minusDays(1).toString()).put("source", "bench");
        return o;
    }

    /** Project {@code i} of zone {@code z}: its leased land is a share of the zone's, so the zone never overflows. */
    ObjectNode project(ZonePlan z, int i, int number) {
        boolean fdi = number % 5 < 2;
        int st = number % 50;
        String status = st < 38 ? "OPERATING" : st < 44 ? "UNDER_CONSTRUCTION" : st < 47 ? "REGISTERED" : st < 49 ? "SUSPENDED" : "REVOKED";
        ObjectNode p = JSON.createObjectNode();
        p.put("name", "Nhà máy bench " + number).put("investor", "Investor " + number % 20_000).put("origin", fdi ? "FDI" : "DOMESTIC");
        if (fdi) {
            p.put("investorCountry", COUNTRIES[number % COUNTRIES.length]);
        }
        p.put("sector", SECTORS[number % SECTORS.length]);
        boolean usd = fdi || number % 7 == 0;
        p.putObject("registeredCapital").put("amount", usd ? 500_000L * (1 + number % 400) : 2_000_000_000L * (1 + number % 300))
                .put("currency", usd ? "USD" : "VND");
        double share = Math.floor(z.landHa() * 0.7 / Math.max(1, z.projects()) * 100) / 100;
        p.put("leasedAreaHa", Math.max(0.01, share)).put("workers", 20 + (number * 37) % 3000).put("status", status);
        if (status.equals("SUSPENDED") || status.equals("REVOKED")) {
            p.put("statusReason", "bench: licence " + status.toLowerCase()).put("statusDate", today.minusYears(1).toString());
        }
        p.put("validOn", today.minusDays(1).toString()).put("source", "bench");
        return p;
    }

    /** The zone's quarterly reports for the last {@code reportYears} whole years. */
    List<ObjectNode> reports(ZonePlan z) {
        List<ObjectNode> reports = new ArrayList<>();
        int lastYear = today.getYear() - 1;
        for (int year = lastYear - reportYears + 1; year <= lastYear; year++) {
            for (int q = 1; q <= 4; q++) {
                long scale = 1 + z.projects();
                ObjectNode r = JSON.createObjectNode();
                r.put("periodKind", "QUARTER").put("year", year).put("number", q)
                        .put("revenueVnd", 50_000_000_000L * scale + 1_000_000L * q)
                        .put("exportUsd", 1_500_000L * scale).put("budgetPaidVnd", 3_000_000_000L * scale)
                        .put("workers", 150 * scale + q).put("averageMonthlyIncomeVnd", 7_000_000 + 100_000 * (year % 5))
                        .put("validOn", LocalDate.of(year, q * 3, 1).plusMonths(1).plusDays(14).toString()).put("source", "bench");
                reports.add(r);
            }
        }
        return reports;
    }

    /** Every former province with the province it belongs to today, from the registry's reference migration. */
    static List<Place> places(Path migration) throws IOException {
        String sql = Files.readString(migration);
        String formers = sql.substring(sql.indexOf("INSERT INTO former_province"));
        Matcher m = Pattern.compile("\\('(\\d+)', '[^']*', '[^']*', '(\\d+)', (?:NULL|'[^']*')\\)").matcher(formers);
        List<Place> places = new ArrayList<>();
        while (m.find()) {
            places.add(new Place(m.group(2), m.group(1)));
        }
        if (places.size() < 34) {
            throw new IllegalStateException("expected the 63 former provinces in " + migration + ", found " + places.size());
        }
        // Sorted by today's province so that consecutive zones land in different provinces.
        places.sort(java.util.Comparator.comparing(Place::former));
        return places;
    }
}
