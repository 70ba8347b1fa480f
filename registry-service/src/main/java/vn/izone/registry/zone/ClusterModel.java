package vn.izone.registry.zone;

/** Development models of industrial clusters (orientation to 2030, vision 2050). */
public enum ClusterModel {
    SPECIALISED, ECOLOGICAL, HIGH_TECH, ECOLOGICAL_CRAFT_VILLAGE, MIXED
}
