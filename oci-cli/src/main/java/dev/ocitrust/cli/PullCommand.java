package dev.ocitrust.cli;

import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.ImageManifest;
import dev.ocitrust.client.Manifest;
import dev.ocitrust.client.Target;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ocitrust pull}: the files of an artifact, what {@code oras pull} writes: each layer titled
 * {@code org.opencontainers.image.title} becomes that file under the output folder. A file appears
 * only once all its bytes were verified against the layer's digest and size: it is written to a
 * temporary file beside it and moved into place.
 */
@Command(
    name = "pull",
    mixinStandardHelpOptions = true,
    description = {
      "Pull the files of an artifact (as oras pull): each titled layer becomes a file.",
      "A file appears only after its digest and size are verified; untitled layers are skipped."
    })
final class PullCommand implements Callable<Integer> {
  @Mixin TargetOptions where;

  @SuppressWarnings("NullAway.Init") // defaulted: picocli sets it before call()
  @Option(
      names = {"-o", "--output"},
      paramLabel = "DIR",
      defaultValue = ".",
      description = "folder to write the files into (default: the current folder)")
  Path output;

  @Override
  public Integer call() throws Exception {
    try (TargetSpec.Clients clients = where.clients()) {
      TargetSpec spec = where.read(clients);
      Descriptor root = spec.target().resolve(spec.requireReference());
      Manifest manifest = spec.target().fetchManifest(root);
      if (!(manifest instanceof ImageManifest image)) {
        throw new IllegalArgumentException(
            spec.display()
                + " is an image index ("
                + root.digest()
                + "), not an artifact: pull one of its manifests by digest"
                + " (ocitrust manifest fetch lists them)");
      }
      Path dir = output.toAbsolutePath().normalize();
      List<Descriptor> titled = new ArrayList<>();
      Set<Path> seen = new HashSet<>();
      for (Descriptor layer : image.layers()) {
        String title = layer.annotations().get(Descriptor.ANNOTATION_TITLE);
        if (title == null) {
          continue;
        }
        if (!seen.add(destination(dir, title, layer))) {
          throw new IllegalArgumentException(
              spec.display() + ": two layers are titled '" + title + "'");
        }
        titled.add(layer);
      }
      Files.createDirectories(dir);
      for (Descriptor layer : titled) {
        String title = layer.annotations().get(Descriptor.ANNOTATION_TITLE);
        write(
            clients.readingWithProgress(spec),
            layer,
            destination(dir, String.valueOf(title), layer));
        System.out.println("Downloaded " + title);
      }
      int skipped = image.layers().size() - titled.size();
      if (skipped > 0) {
        System.err.println(
            "Skipped "
                + skipped
                + " layer(s) without a file name (no "
                + Descriptor.ANNOTATION_TITLE
                + ")");
      }
      System.out.println("Pulled " + spec.display());
      System.out.println("Digest: " + root.digest());
      return 0;
    }
  }

  /**
   * Where the layer titled {@code title} goes under {@code dir}; a title that is absolute or leaves
   * the folder is refused.
   */
  static Path destination(Path dir, String title, Descriptor layer) {
    Path relative;
    try {
      relative = Path.of(title);
    } catch (java.nio.file.InvalidPathException e) {
      throw new IllegalArgumentException(
          "layer " + layer.digest() + " has a title that is no file name: '" + title + "'", e);
    }
    Path file = dir.resolve(relative).normalize();
    if (title.isEmpty() || relative.isAbsolute() || !file.startsWith(dir) || file.equals(dir)) {
      throw new IllegalArgumentException(
          "layer "
              + layer.digest()
              + " is titled '"
              + title
              + "', which would be written outside "
              + dir
              + "; refused");
    }
    return file;
  }

  private static void write(Target source, Descriptor layer, Path file) throws IOException {
    Path parent = file.getParent();
    Files.createDirectories(parent);
    Path tmp = Files.createTempFile(parent, "." + file.getFileName(), ".part");
    try {
      try (InputStream in = source.fetch(layer)) {
        Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
