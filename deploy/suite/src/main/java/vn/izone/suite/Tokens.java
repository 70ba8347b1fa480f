package vn.izone.suite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The local run's own token issuer: an RSA key pair kept in the data folder, whose public half the registry
 * verifies, as do metrics and reporting (IZONE_JWT_PUBLIC_KEY_LOCATION), and ready-made bearer tokens for each role. Production uses an
 * OIDC provider instead (docs/registry-api.md).
 */
public final class Tokens {
    public static final String ISSUER = "https://izone.vn";

    private final PrivateKey privateKey;
    private final Path publicKeyFile;

    private Tokens(PrivateKey privateKey, Path publicKeyFile) {
        this.privateKey = privateKey;
        this.publicKeyFile = publicKeyFile;
    }

    /** Loads the key pair from {@code directory}, creating it on first use. */
    public static Tokens in(Path directory) {
        try {
            Files.createDirectories(directory);
            Path privateFile = directory.resolve("jwt-private.pk8");
            Path publicFile = directory.resolve("jwt-public.pem");
            if (!Files.exists(privateFile) || !Files.exists(publicFile)) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                KeyPair pair = generator.generateKeyPair();
                Files.write(privateFile, pair.getPrivate().getEncoded());
                Files.writeString(publicFile, "-----BEGIN PUBLIC KEY-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pair.getPublic().getEncoded())
                        + "\n-----END PUBLIC KEY-----\n");
            }
            PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(privateFile)));
            return new Tokens(key, publicFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public Path publicKeyFile() {
        return publicKeyFile;
    }

    /** A national register office token: writes everywhere. */
    public String registrar(String name) {
        return sign(name, "registrar", null);
    }

    /** A provincial department's token: writes only its province's data. */
    public String department(String name, String provinceCode) {
        return sign(name, "department", provinceCode);
    }

    /** Records exchange rates on metrics-service (docs/decisions.md). */
    public String finance(String name) {
        return sign(name, "finance", null);
    }

    /** Runs metrics-service's rebuild and reconciliation (POST /api/v1/admin/*). */
    public String operator(String name) {
        return sign(name, "operator", null);
    }

    public String board(String name) {
        return sign(name, "board", null);
    }

    public String integrator(String name) {
        return sign(name, "integrator", null);
    }

    private String sign(String subject, String role, String province) {
        Instant now = Instant.now();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", ISSUER);
        claims.put("sub", subject);
        claims.put("upn", subject);
        claims.put("groups", new String[] {role});
        if (province != null) {
            claims.put("province", province);
        }
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.plus(Duration.ofDays(30)).getEpochSecond());
        claims.put("jti", UUID.randomUUID().toString());
        try {
            String header = base64("{\"alg\":\"RS256\",\"typ\":\"JWT\"}");
            String payload = base64(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(claims));
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(privateKey);
            signature.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
            return header + "." + payload + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature.sign());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
