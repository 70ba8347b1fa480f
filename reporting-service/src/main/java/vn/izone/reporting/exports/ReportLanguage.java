package vn.izone.reporting.exports;

import vn.izone.reporting.api.BadParameter;
import vn.izone.reporting.vocabulary.Basis;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import java.util.Map;

/**
 * The language of a printed report (the board report's {@code ?lang=}): its words, its numbers (12.325 and 91,25 in
 * Vietnamese, 12,325 and 91.25 in English) and the basis sentences (metrics writes them in English; Vietnamese from
 * the dictionary in vocabulary/Basis). Vietnamese unless asked otherwise.
 */
public enum ReportLanguage {
    VI, EN;

    /** {@code vi} (or blank) or {@code en}; anything else is a 400 naming {@code lang}. */
    public static ReportLanguage of(String lang) {
        if (lang == null || lang.isBlank() || lang.trim().equalsIgnoreCase("vi")) {
            return VI;
        }
        if (lang.trim().equalsIgnoreCase("en")) {
            return EN;
        }
        throw new BadParameter("lang", "must be vi or en, not '" + lang + "'");
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The word for {@code key} (vi, en), failing loudly for a key nobody wrote: a report never prints a key. */
    public String w(String key) {
        String[] pair = WORDS.get(key);
        if (pair == null) {
            throw new IllegalArgumentException("no words for '" + key + "'");
        }
        return this == VI ? pair[0] : pair[1];
    }

    public String basis(String english) {
        return this == VI ? Basis.vi(english) : english;
    }

    public String kind(String kind) {
        return WORDS.containsKey("k." + kind) ? w("k." + kind) : kind;
    }

    /** The kind of one zone (the zone table): "Industrial park", where headings say "Industrial parks". */
    public String zoneKind(String kind) {
        return WORDS.containsKey("z." + kind) ? w("z." + kind) : kind;
    }

    public String status(String status) {
        return WORDS.containsKey("s." + status) ? w("s." + status) : status;
    }

    public String number(BigDecimal d) {
        if (d == null) {
            return "–";
        }
        DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(Locale.ROOT);
        symbols.setGroupingSeparator(this == VI ? '.' : ',');
        symbols.setDecimalSeparator(this == VI ? ',' : '.');
        return new DecimalFormat("#,##0.##", symbols).format(d);
    }

    private static final Map<String, String[]> WORDS = Map.ofEntries(
            Map.entry("title", new String[] {"Báo cáo khu, cụm công nghiệp", "Industrial parks and clusters report"}),
            Map.entry("formerPrefix", new String[] {"Tỉnh cũ ", "Former province "}),
            Map.entry("provinceCode", new String[] {"Mã tỉnh", "Province code"}),
            Map.entry("formerCode", new String[] {"Mã tỉnh cũ (trước sáp nhập 2025)", "Former province code (before the 2025 merger)"}),
            Map.entry("computedAt", new String[] {"Số liệu tính lúc", "Figures computed at"}),
            Map.entry("vnTime", new String[] {"giờ Việt Nam", "Vietnam time"}),
            Map.entry("madeAt", new String[] {"Báo cáo lập lúc", "Report made at"}),
            Map.entry("page", new String[] {"Trang", "Page"}),
            Map.entry("allKinds", new String[] {"Tất cả các loại, cộng chung", "All kinds together"}),
            Map.entry("allKindsNote", new String[] {"Chỉ những số cộng được giữa khu công nghiệp, cụm công nghiệp và khu kinh tế: dự án và lao động. "
                    + "Lấp đầy, diện tích và vốn xem theo từng loại bên dưới.", "Only what adds up across industrial parks, clusters and economic zones: "
                    + "projects and workers. Occupancy, areas and capital per kind below."}),
            Map.entry("zonesAll", new String[] {"Số khu (mọi loại)", "Zones (all kinds)"}),
            Map.entry("operatingRemoved", new String[] {"đang hoạt động %s; đã đưa ra khỏi quy hoạch %s", "in operation %s; removed from the planning %s"}),
            Map.entry("projectsAll", new String[] {"Dự án (cộng các loại)", "Projects (all kinds)"}),
            Map.entry("inactiveLeftOut", new String[] {"dự án ngừng, thu hồi không tính (%s)", "suspended and revoked projects left out (%s)"}),
            Map.entry("workersAll", new String[] {"Lao động (cộng các loại)", "Workers (all kinds)"}),
            Map.entry("source", new String[] {"Nguồn: ", "Source: "}),
            Map.entry("noneOfKind", new String[] {"Không có khu loại này.", "No zone of this kind."}),
            Map.entry("fromByKind", new String[] {"Số liệu lấy từ phần theo loại (byKind) của ảnh chụp %s, tính lúc %s",
                    "Figures from the byKind part of snapshot %s, computed at %s"}),
            Map.entry("fromSnapshot", new String[] {"Số liệu lấy từ ảnh chụp %s, tính lúc %s", "Figures from snapshot %s, computed at %s"}),
            Map.entry("planned", new String[] {"Khu quy hoạch", "Zones planned"}),
            Map.entry("plannedBasis", new String[] {"mới ở giai đoạn quy hoạch; tổng số khu đã đăng ký %s", "still at the planning stage; all zones registered %s"}),
            Map.entry("established", new String[] {"Đã thành lập", "Established"}),
            Map.entry("establishedBasis", new String[] {"có quyết định thành lập; diện tích thành lập %s ha", "establishment decision issued; established area %s ha"}),
            Map.entry("operating", new String[] {"Đang hoạt động", "In operation"}),
            Map.entry("operatingBasis", new String[] {"đã đi vào hoạt động; diện tích %s ha", "in operation; area %s ha"}),
            Map.entry("land", new String[] {"Đất công nghiệp", "Industrial land"}),
            Map.entry("landBasis", new String[] {"đã cho thuê %s ha; diện tích quy hoạch %s ha", "leased %s ha; planned area %s ha"}),
            Map.entry("occupancy", new String[] {"Tỷ lệ lấp đầy", "Occupancy"}),
            Map.entry("occupancyOperating", new String[] {"Lấp đầy (khu đang hoạt động)", "Occupancy (operating zones)"}),
            Map.entry("occupancyBasis", new String[] {"%s ha đã thuê ÷ %s ha đất công nghiệp, %s khu; cơ sở: %s",
                    "%s ha leased ÷ %s ha industrial land, %s zones; basis: %s"}),
            Map.entry("fdiDdi", new String[] {"Dự án FDI / DDI", "FDI / DDI projects"}),
            Map.entry("activeProjects", new String[] {"dự án đang hoạt động %s", "active projects %s"}),
            Map.entry("capFdiUsd", new String[] {"Vốn FDI (USD)", "FDI capital (USD)"}),
            Map.entry("capDdiVnd", new String[] {"Vốn DDI (VND)", "DDI capital (VND)"}),
            Map.entry("capitalBasis", new String[] {"vốn đăng ký, cộng theo loại tiền, không quy đổi", "registered capital, summed per currency, never converted"}),
            Map.entry("ddiInUsd", new String[] {"; DDI bằng USD %s", "; DDI in USD %s"}),
            Map.entry("fdiInVnd", new String[] {"; FDI bằng VND %s", "; FDI in VND %s"}),
            Map.entry("capital", new String[] {"Vốn", "Capital"}),
            Map.entry("noCapital", new String[] {"chưa có vốn theo loại (chỉ có trong ảnh chụp riêng của loại)",
                    "capital of this kind not available (only in the kind's own snapshot)"}),
            Map.entry("workers", new String[] {"Lao động", "Workers"}),
            Map.entry("zones", new String[] {"Các khu", "Zones"}),
            Map.entry("zone", new String[] {"Khu", "Zone"}),
            Map.entry("kind", new String[] {"Loại", "Kind"}),
            Map.entry("status", new String[] {"Trạng thái", "Status"}),
            Map.entry("landHa", new String[] {"Đất CN (ha)", "Ind. land (ha)"}),
            Map.entry("leasedHa", new String[] {"Đã thuê (ha)", "Leased (ha)"}),
            Map.entry("occ", new String[] {"Lấp đầy", "Occupancy"}),
            Map.entry("projects", new String[] {"Dự án", "Projects"}),
            Map.entry("sources", new String[] {"Nguồn số liệu", "Sources"}),
            Map.entry("sourcesText", new String[] {"Mọi số liệu lấy từ ảnh chụp chỉ tiêu do metrics-service tính từ sổ đăng ký khu (registry-service) và công bố trên "
                    + "izone.metrics.indicators.v1; reporting-service không tự tính số nào. Ảnh chụp dùng ở đây: %s (số liệu theo loại không có ảnh chụp riêng lấy từ "
                    + "phần byKind của %s) và %s ảnh chụp của từng khu. Tỷ lệ lấp đầy = diện tích đã cho thuê ÷ đất công nghiệp cho thuê, cộng theo diện tích "
                    + "(không lấy trung bình các tỷ lệ), tính riêng cho từng loại khu. Vốn theo từng loại tiền, không quy đổi. Vị trí của khu: theo ảnh chụp của "
                    + "khu, nếu không có thì theo sổ đăng ký.",
                    "Every figure comes from the indicator snapshots metrics-service computes from the zone register (registry-service) and publishes on "
                    + "izone.metrics.indicators.v1; reporting-service computes nothing itself. Snapshots used here: %s (kind figures without a snapshot of "
                    + "their own from the byKind part of %s) and %s zone snapshots. Occupancy = leased area ÷ industrial land for lease, area-weighted (never an "
                    + "average of percentages), for each kind of zone apart. Capital per currency, never converted. Where a zone is: from its snapshot, else "
                    + "from the register."}),
            Map.entry("k.INDUSTRIAL_PARK", new String[] {"Khu công nghiệp", "Industrial parks"}),
            Map.entry("k.INDUSTRIAL_CLUSTER", new String[] {"Cụm công nghiệp", "Industrial clusters"}),
            Map.entry("k.ECONOMIC_ZONE", new String[] {"Khu kinh tế", "Economic zones"}),
            Map.entry("z.INDUSTRIAL_PARK", new String[] {"Khu công nghiệp", "Industrial park"}),
            Map.entry("z.INDUSTRIAL_CLUSTER", new String[] {"Cụm công nghiệp", "Industrial cluster"}),
            Map.entry("z.ECONOMIC_ZONE", new String[] {"Khu kinh tế", "Economic zone"}),
            Map.entry("s.PLANNED", new String[] {"Có trong quy hoạch", "Planned"}),
            Map.entry("s.LAND_TARGET_ALLOCATED", new String[] {"Được phân bổ chỉ tiêu đất", "Land target allocated"}),
            Map.entry("s.ESTABLISHED", new String[] {"Đã thành lập", "Established"}),
            Map.entry("s.INVESTMENT_APPROVED", new String[] {"Được chấp thuận chủ trương đầu tư", "Investment approved"}),
            Map.entry("s.DETAILED_PLANNING_APPROVED", new String[] {"Được duyệt quy hoạch chi tiết", "Detailed planning approved"}),
            Map.entry("s.UNDER_CONSTRUCTION", new String[] {"Đang xây dựng hạ tầng", "Under construction"}),
            Map.entry("s.IN_OPERATION", new String[] {"Đang hoạt động", "In operation"}),
            Map.entry("s.EXPANDED", new String[] {"Mở rộng", "Expanded"}),
            Map.entry("s.REMOVED_FROM_PLANNING", new String[] {"Đưa ra khỏi quy hoạch", "Removed from planning"}));
}
