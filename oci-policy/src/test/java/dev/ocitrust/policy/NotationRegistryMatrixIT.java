package dev.ocitrust.policy;

import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.RegistryClient;
import dev.ocitrust.client.Target;
import dev.ocitrust.testkit.RegistryExtension;
import dev.ocitrust.testkit.RegistryServer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The matrix on a real docker-registry 2.8 ({@code notation verify --insecure-registry
 * HOST/matrix@DIGEST}, scope {@code HOST/matrix}); signatures in the OCI 1.1 manifest form, found
 * by both through the referrers fallback tag.
 */
class NotationRegistryMatrixIT extends NotationMatrix {
  @RegisterExtension static RegistryExtension registry = RegistryExtension.plain();

  private RegistryClient client;

  private RegistryClient client() {
    if (client == null) {
      client = RegistryClient.builder().insecurePlainHttp(registry.server().host()).build();
    }
    return client;
  }

  @AfterAll
  void closeClient() {
    if (client != null) {
      client.close();
    }
  }

  @Override
  Target store() {
    return client().repository(scope());
  }

  @Override
  String scope() {
    RegistryServer s = registry.server();
    return s.host() + "/matrix";
  }

  @Override
  boolean legacyManifests() {
    return false;
  }

  @Override
  List<String> notationVerifyArgs(Descriptor artifact) {
    return List.of("verify", "--insecure-registry", scope() + "@" + artifact.digest());
  }
}
