package dev.ocitrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ocitrust.testkit.PeerCli;
import dev.ocitrust.testkit.RegistryExtension;
import dev.ocitrust.testkit.RegistryServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code copy} into a docker-registry, checked with oras: without a tag in the destination nothing
 * is tagged (as {@code oras copy} does), a written tag is the only tag, a destination digest must
 * be the source's.
 */
class CopyToRegistryIT {
  private static final String ZEROS =
      "sha256:0000000000000000000000000000000000000000000000000000000000000000";

  @RegisterExtension static RegistryExtension registry = RegistryExtension.plain();

  @TempDir Path tmp;
  private RegistryServer server;
  private PeerCli oras;
  private String digest;

  @BeforeEach
  void push(RegistryServer server) throws Exception {
    this.server = server;
    oras = PeerCli.of("oras").withDirectory(tmp);
    Files.writeString(tmp.resolve("a.txt"), "net-monitor v1\n");
    oras.runOk("push", "--plain-http", ref("src:v1"), "a.txt");
    digest = oras.runOk("resolve", "--plain-http", ref("src:v1")).stdout().strip();
  }

  private String ref(String repoAndTag) {
    return server.host() + "/" + repoAndTag;
  }

  private String tags(String repo) {
    return oras.run("repo", "tags", "--plain-http", ref(repo)).stdout().strip();
  }

  @Test
  void withoutATagTheDestinationIsNotTagged() {
    MainTest.Result r = MainTest.run("copy", "--plain-http", ref("src:v1"), ref("untagged"));
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.out()).contains(digest);
    assertThat(tags("untagged")).isEmpty();
    assertThat(oras.runOk("resolve", "--plain-http", ref("untagged@" + digest)).stdout().strip())
        .isEqualTo(digest);
  }

  @Test
  void aWrittenTagIsTheOnlyTag() {
    MainTest.Result r = MainTest.run("copy", "--plain-http", ref("src:v1"), ref("tagged:v9"));
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(tags("tagged")).isEqualTo("v9");
  }

  @Test
  void aDestinationDigestMustBeTheSources() {
    MainTest.Result wrong =
        MainTest.run("copy", "--plain-http", ref("src:v1"), ref("pinned@" + ZEROS));
    assertThat(wrong.status()).isEqualTo(2);
    assertThat(wrong.err()).contains("names the digest " + ZEROS).contains("is " + digest);
    MainTest.Result garbage =
        MainTest.run("copy", "--plain-http", ref("src:v1"), ref("pinned@garbage"));
    assertThat(garbage.status()).isEqualTo(2);
    assertThat(tags("pinned")).isEmpty();
    MainTest.Result right =
        MainTest.run("copy", "--plain-http", ref("src:v1"), ref("pinned@" + digest));
    assertThat(right.status()).as(right.err()).isZero();
    assertThat(tags("pinned")).isEmpty();
    assertThat(oras.runOk("resolve", "--plain-http", ref("pinned@" + digest)).stdout().strip())
        .isEqualTo(digest);
  }
}
