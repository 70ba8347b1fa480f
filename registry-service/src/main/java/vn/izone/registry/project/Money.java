package vn.izone.registry.project;

import jakarta.validation.constraints.DecimalMax;
import vn.izone.registry.api.Limits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;

import java.math.BigDecimal;

/** An amount in its own currency. USD and VND are never added together. */
public record Money(@NotNull @PositiveOrZero @DecimalMax(Limits.AMOUNT_20_2) BigDecimal amount,
                    @NotNull @Pattern(regexp = "USD|VND", message = "must be USD or VND") String currency) {
}
