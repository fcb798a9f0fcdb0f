package dev.ocitrust.claims.example;

// README: sdk-example
import dev.ocitrust.claims.ClaimPolicy;
import dev.ocitrust.claims.ClaimVerifier;
import dev.ocitrust.claims.DeploymentDeniedException;
import dev.ocitrust.claims.DeploymentGate;
import dev.ocitrust.claims.GateResult;
import dev.ocitrust.client.OciLayout;
import dev.ocitrust.policy.DirectoryTrustStore;
import dev.ocitrust.policy.NotaryVerifier;
import dev.ocitrust.policy.OciTrustPolicy;
import dev.ocitrust.policy.TrustStore;
import java.nio.file.Path;

/**
 * The deployment gate on an OCI image layout: the signature under notation's trust policy AND the
 * claims under the claim policy, on one resolved digest.
 *
 * <p>Usage: {@code DeploymentCheck LAYOUT TAG NOTATION_CONFIG ENVIRONMENT}, for example {@code
 * acme/net-monitor v1 acme/notation prod}.
 */
public class DeploymentCheck {
  public static void main(String[] args) throws Exception {
    try {
      System.out.print(check(Path.of(args[0]), args[1], Path.of(args[2]), args[3]).text());
    } catch (DeploymentDeniedException denied) { // either half failed: both reports inside
      System.out.print(denied.result().text());
      System.exit(1);
    }
  }

  /** Returns only when both halves allow it; throws DeploymentDeniedException otherwise. */
  public static GateResult check(Path layout, String tag, Path config, String environment)
      throws Exception {
    TrustStore trustStore = DirectoryTrustStore.atConfigDirectory(config);
    NotaryVerifier signatures =
        NotaryVerifier.builder(OciTrustPolicy.read(config.resolve("trustpolicy.json")), trustStore)
            .build();
    ClaimVerifier claims =
        ClaimVerifier.builder(ClaimPolicy.read(config.resolve("claimpolicy.json")), trustStore)
            .build();
    String scope = "local/" + layout.getFileName(); // as notation names a layout's scope
    return DeploymentGate.of(signatures, claims)
        .verify(OciLayout.open(layout), scope, tag, environment);
  }
}
// END README
