package vn.izone.metrics.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import vn.izone.metrics.rates.ExchangeRate;
import vn.izone.metrics.rates.ExchangeRates;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The exchange rates combined capital figures convert with (issue #7). Capital is always kept and shown in its
 * own currency; a combined figure names the rate, its date and its source, so nothing is converted silently.
 */
@Path("/api/v1/exchange-rates")
@Produces(MediaType.APPLICATION_JSON)
public class ExchangeRateResource {
    private final ExchangeRates rates;
    private final Caller caller;

    public ExchangeRateResource(ExchangeRates rates, Caller caller) {
        this.rates = rates;
        this.caller = caller;
    }

    /** What a rate is recorded from: VND for one unit of the currency, from the date, with its source. */
    public record RateRequest(String currency, String validOn, BigDecimal vndPerUnit, String source) {
    }

    @GET
    @Operation(summary = "Every stored rate, newest first per currency, with who recorded it (recordedBy)")
    public List<ExchangeRate> all() {
        return rates.all();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record a rate (VND per unit of currency) valid from a date, with its source",
            description = "E.g. {\"currency\":\"USD\",\"validOn\":\"2025-09-30\",\"vndPerUnit\":25000,\"source\":\"SBV central rate, notice of 30/09/2025\"}. "
                    + "Recording the same currency and date again corrects it. Needs a bearer token with the role finance; "
                    + "the token's principal is kept as recordedBy.")
    public Response record(RateRequest request) {
        if (request == null) {
            throw new BadParameter("body", "a JSON object with currency, validOn, vndPerUnit and source is required");
        }
        if (request.currency() == null || !request.currency().matches("[A-Z]{3}") || request.currency().equals("VND")) {
            throw new BadParameter("currency", "must be a foreign ISO 4217 code such as USD");
        }
        LocalDate validOn;
        try {
            validOn = LocalDate.parse(String.valueOf(request.validOn()));
        } catch (DateTimeParseException e) {
            throw new BadParameter("validOn", "must be a date YYYY-MM-DD");
        }
        if (request.vndPerUnit() == null || request.vndPerUnit().signum() <= 0 || request.vndPerUnit().compareTo(new BigDecimal("1e12")) >= 0) {
            throw new BadParameter("vndPerUnit", "must be a positive number of VND for one unit, below 10^12");
        }
        if (request.source() == null || request.source().isBlank() || request.source().length() > 500) {
            throw new BadParameter("source", "must say where the rate comes from (1 to 500 characters)");
        }
        return Response.status(201).entity(rates.record(request.currency(), validOn, request.vndPerUnit(), request.source().strip(), caller.name())).build();
    }
}
