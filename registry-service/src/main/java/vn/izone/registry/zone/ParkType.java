package vn.izone.registry.zone;

/**
 * Types of industrial park under Decree 35/2022/ND-CP (khu chế xuất, khu công nghiệp hỗ trợ, chuyên ngành,
 * sinh thái, công nghệ cao). Optional: a park of no particular type declares none.
 */
public enum ParkType {
    EXPORT_PROCESSING, SUPPORTING, SPECIALISED, ECO, HIGH_TECH
}
