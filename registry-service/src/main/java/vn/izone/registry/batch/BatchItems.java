package vn.izone.registry.batch;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import vn.izone.registry.api.Problem;
import vn.izone.registry.api.RejectedChange;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/** What every batch resource shares: validating the items naming each by index, and the ids of its records. */
@ApplicationScoped
public class BatchItems {
    private final Validator validator;

    public BatchItems(Validator validator) {
        this.validator = validator;
    }

    /**
     * Bean Validation of the whole batch before anything is looked up; a 422 names every bad field as the
     * client wrote it, e.g. {@code items[12].registeredCapital.amount}.
     */
    public void validate(Batch<?> batch) {
        if (batch == null) {
            throw RejectedChange.invalid("items", "a batch is {\"items\": [...]} with 1 to " + Batch.MAX_ITEMS + " items");
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> v : validator.validate(batch)) {
            errors.add(new Problem.FieldError(v.getPropertyPath().toString().replace(".<list element>", "")
                    .replace("<list element>", ""), v.getMessage()));
        }
        if (!errors.isEmpty()) {
            errors.sort(Comparator.comparing(Problem.FieldError::field));
            throw RejectedChange.invalid(errors);
        }
    }

    /**
     * The id of every record of a batch, derived from the batch's id: a retry with the same Idempotency-Key finds
     * the batch's id again (idempotency_key keeps one id per key) and with it every record it created.
     */
    public static List<UUID> ids(UUID batchId, int count) {
        List<UUID> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ids.add(UUID.nameUUIDFromBytes((batchId + "/" + i).getBytes(StandardCharsets.UTF_8)));
        }
        return ids;
    }
}
