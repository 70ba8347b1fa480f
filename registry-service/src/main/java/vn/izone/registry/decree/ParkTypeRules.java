package vn.izone.registry.decree;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import vn.izone.registry.zone.ParkType;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * The industrial park types' land-share conditions in force, read from a data file ({@code izone.rules.parks},
 * by default Decree 35/2022/ND-CP), like the cluster rules: code knows the kinds of check, the file the numbers.
 */
@ApplicationScoped
public class ParkTypeRules {

    public enum Check { ONE_SECTOR_SHARE, SECTOR_WORDS_SHARE, NOT_A_LAND_SHARE }

    public record TypeRule(ParkType parkType, Check check, BigDecimal minPercent, List<String> sectorWords, String message) {
    }

    public record Book(String decree, String title, String effectiveFrom, String note, List<TypeRule> types) {
    }

    private final Book book;

    public ParkTypeRules(ObjectMapper json, RulesConfig files) {
        this.book = RuleFiles.read(json, files.parks(), Book.class);
    }

    public Book book() {
        return book;
    }

    public Optional<TypeRule> ruleFor(ParkType type) {
        return book.types().stream().filter(t -> t.parkType() == type).findFirst();
    }
}
