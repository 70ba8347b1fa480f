package vn.izone.registry.support;

import io.restassured.http.ContentType;
import io.restassured.response.Response;

import static io.restassured.RestAssured.given;

/** Small helpers for the registry's REST API in tests. */
public final class Api {
    public static final String PARK = """
            {"kind":"INDUSTRIAL_PARK","name":"Khu công nghiệp Khánh Phú (test)","provinceCode":"37","formerProvinceCode":"37",
             "status":"IN_OPERATION","statusDate":"2008-01-01","plannedAreaHa":351,"establishedAreaHa":351,
             "industrialLandHa":250,"leasedAreaHa":232,"validOn":"2025-09-30","source":"test"}""";

    public static final String PROJECT = """
            {"name":"Nhà máy kính (test)","investor":"Test Glass Co., Ltd.","origin":"FDI","investorCountry":"JP",
             "sector":"glass","registeredCapital":{"amount":95000000,"currency":"USD"},"leasedAreaHa":15,"workers":620,
             "status":"OPERATING","validOn":"2025-09-30","source":"test"}""";

    public static final String NINE_MONTHS_2025 = """
            {"periodKind":"NINE_MONTHS","year":2025,"revenueVnd":12400000000000,"exportUsd":310000000,
             "budgetPaidVnd":1100000000000,"workers":9500,"averageMonthlyIncomeVnd":7500000,"validOn":"2025-09-30",
             "source":"test"}""";

    private Api() {
    }

    public static Response post(String path, String body) {
        return given().contentType(ContentType.JSON).body(body).post(path);
    }

    public static String zone(String body) {
        return post("/api/v1/zones", body).then().statusCode(201).extract().path("id");
    }

    public static String project(String zoneId, String body) {
        return post("/api/v1/zones/" + zoneId + "/projects", body).then().statusCode(201).extract().path("id");
    }

    public static String report(String zoneId, String body) {
        return post("/api/v1/zones/" + zoneId + "/reports", body).then().statusCode(201).extract().path("id");
    }
}
