package vn.izone.registry.decree;

import jakarta.enterprise.context.RequestScoped;

import java.util.ArrayList;
import java.util.List;

/** Rules that warned (but let the change through) during this request; sent back in a response header. */
@RequestScoped
public class RuleWarnings {
    private final List<RuleFinding> findings = new ArrayList<>();

    public void add(RuleFinding finding) {
        findings.add(finding);
    }

    public List<RuleFinding> findings() {
        return findings;
    }
}
