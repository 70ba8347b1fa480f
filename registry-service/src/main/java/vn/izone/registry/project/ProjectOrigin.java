package vn.izone.registry.project;

/** Foreign direct investment, or domestic (DDI). */
public enum ProjectOrigin {
    FDI, DOMESTIC
}
