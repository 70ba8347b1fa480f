package vn.izone.reporting.vocabulary;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The basis sentences metrics-service writes (in English) and what they say in Vietnamese: one dictionary for the
 * dashboard (served at {@code /api/v1/vocabulary}) and the PDF report. A sentence is matched whole, or by a known
 * beginning whose rest is matched again; one that nobody has translated yet is shown on Vietnamese pages as
 * {@link #UNKNOWN_VI} (the English stays on the English page and in the API), never as English text.
 */
@Path("/api/v1/vocabulary")
public class Basis {
    public static final Map<String, String> EXACT = new LinkedHashMap<>();
    public static final Map<String, String> PREFIXES = new LinkedHashMap<>();
    public static final String UNKNOWN_VI = "cơ sở tính do metrics-service ghi, chưa có bản tiếng Việt (xem trang tiếng Anh)";

    static {
        // metrics-service IndicatorCalculator
        EXACT.put("established zones (established or later, not removed) with industrial land for lease",
                "các khu đã thành lập (từ khi thành lập trở đi, chưa đưa ra khỏi quy hoạch) có đất công nghiệp cho thuê");
        EXACT.put("zones in operation with industrial land for lease", "các khu đang hoạt động có đất công nghiệp cho thuê");
        EXACT.put("PROJECTS: workers declared by active secondary projects", "DỰ ÁN: lao động do các dự án thứ cấp đang hoạt động kê khai");
        EXACT.put("REPORTS: workers of each zone's latest reported period (its zone-level report, else the sum of its projects' reports)",
                "BÁO CÁO: lao động của kỳ báo cáo gần nhất của từng khu (báo cáo cấp khu, nếu không có thì cộng báo cáo của các dự án)");
        EXACT.put("worker-weighted: Σ(average monthly income × workers) ÷ Σ workers, over the reports giving both",
                "bình quân theo lao động: Σ(thu nhập bình quân tháng × lao động) ÷ Σ lao động, trên các báo cáo có cả hai số");
        EXACT.put("PROJECTS", "DỰ ÁN");
        EXACT.put("REPORTS", "BÁO CÁO");
        // earlier wordings still in stored snapshots and in the tests' fixtures
        EXACT.put("established and operating zones with industrial land", "các khu đã thành lập và đang hoạt động có đất công nghiệp");
        EXACT.put("operating zones", "các khu đang hoạt động");
        EXACT.put("zone reports (latest per zone)", "báo cáo của các khu (kỳ gần nhất của từng khu)");
        PREFIXES.put("leased ÷ industrial land for lease, summed over ", "diện tích đã cho thuê ÷ đất công nghiệp cho thuê, cộng trên ");
    }

    /** The Vietnamese of a basis sentence; null stays null. */
    public static String vi(String en) {
        if (en == null || en.isBlank()) {
            return en;
        }
        String exact = EXACT.get(en.trim());
        if (exact != null) {
            return exact;
        }
        for (Map.Entry<String, String> p : PREFIXES.entrySet()) {
            if (en.startsWith(p.getKey())) {
                return p.getValue() + vi(en.substring(p.getKey().length()));
            }
        }
        return UNKNOWN_VI;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The Vietnamese of the basis sentences metrics-service writes: exact sentences, known beginnings, and what an unknown one is shown as")
    public Map<String, Object> vocabulary() {
        return Map.of("basis", EXACT, "prefixes", PREFIXES, "unknown", UNKNOWN_VI);
    }
}
