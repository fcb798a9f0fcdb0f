package dev.ocitrust.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ocitrust.testkit.RegistryExtension;
import dev.ocitrust.testkit.RegistryServer;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two processes writing one store at the same time lose nothing: 100 referrers each attached to one
 * subject in a docker-registry 2.8 (no referrers API: both rewrite the one fallback index), and 100
 * images each pushed and tagged into one OCI image layout (both rewrite {@code index.json}).
 */
class ConcurrentWritersIT {
  private static final int EACH = 100;

  @RegisterExtension static RegistryExtension registry = RegistryExtension.plain();

  @TempDir Path tmp;

  @Test
  void twoProcessesAttachingToOneSubjectKeepAll200Referrers(RegistryServer server)
      throws Exception {
    String host = server.host();
    try (RegistryClient client = RegistryClient.builder().insecurePlainHttp(host).build()) {
      Repository repo = client.repository(host + "/concurrent/attach");
      byte[] config = "{\"subject\":true}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
      Descriptor c = Descriptor.of(MediaTypes.OCI_CONFIG, config);
      repo.push(c, config);
      ImageManifest subject = ImageManifest.builder(c).build();
      repo.push(subject, "v1");
      Descriptor s = subject.descriptor();

      List<Process> writers = new ArrayList<>();
      List<Path> logs = new ArrayList<>();
      for (String prefix : List.of("a", "b")) {
        Path log = tmp.resolve(prefix + ".log");
        logs.add(log);
        writers.add(
            ConcurrentWriter.start(
                log,
                "attach",
                host,
                "concurrent/attach",
                s.digest().toString(),
                Long.toString(s.size()),
                prefix,
                Integer.toString(EACH)));
      }
      Set<Digest> attached = new HashSet<>();
      for (int i = 0; i < writers.size(); i++) {
        List<Digest> mine = ConcurrentWriter.await(writers.get(i), logs.get(i), 300);
        assertThat(mine).hasSize(EACH);
        attached.addAll(mine);
      }
      assertThat(attached).hasSize(2 * EACH);

      Set<Digest> listed = new HashSet<>();
      for (Descriptor d : repo.referrers(s, null)) {
        listed.add(d.digest());
      }
      assertThat(listed).as("referrers listed by the fallback index").isEqualTo(attached);
    }
  }

  @Test
  void twoProcessesPushingIntoOneLayoutLoseNothing() throws Exception {
    Path dir = tmp.resolve("layout");
    OciLayout.open(dir); // made before, so that both only add to it
    List<Process> writers = new ArrayList<>();
    List<Path> logs = new ArrayList<>();
    for (String prefix : List.of("a", "b")) {
      Path log = tmp.resolve(prefix + ".log");
      logs.add(log);
      writers.add(
          ConcurrentWriter.start(log, "layout", dir.toString(), prefix, Integer.toString(EACH)));
    }
    Set<Digest> pushed = new HashSet<>();
    for (int i = 0; i < writers.size(); i++) {
      pushed.addAll(ConcurrentWriter.await(writers.get(i), logs.get(i), 300));
    }
    assertThat(pushed).hasSize(2 * EACH);

    OciLayout layout = OciLayout.read(dir);
    assertThat(layout.tags()).hasSize(2 * EACH);
    Set<Digest> listed = new HashSet<>();
    for (Descriptor entry : layout.index()) {
      listed.add(entry.digest());
    }
    assertThat(listed).isEqualTo(pushed);
    // valid: every manifest and blob is there with its digest
    for (String prefix : List.of("a", "b")) {
      for (int i = 0; i < EACH; i++) {
        Manifest m = layout.fetchManifest(layout.resolve(prefix + "-" + i));
        for (Descriptor d : ((ImageManifest) m).successors()) {
          try (InputStream in = layout.fetch(d)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
          }
        }
      }
    }
    try (Stream<Path> left = Files.list(dir.resolve("ingest"))) {
      assertThat(left).as("temporary files left under ingest/").isEmpty();
    } catch (java.nio.file.NoSuchFileException none) {
      // nothing was ever left there
    }
  }
}
