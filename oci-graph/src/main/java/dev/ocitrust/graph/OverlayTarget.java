package dev.ocitrust.graph;

import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.Manifest;
import dev.ocitrust.client.Target;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A read view of a store with one more manifest in it (a filtered index built by a copy). Writes
 * are refused. Thread-safe.
 */
final class OverlayTarget implements Target {
  private final Target base;
  private final Manifest extra;

  OverlayTarget(Target base, Manifest extra) {
    this.base = base;
    this.extra = extra;
  }

  private boolean isExtra(Descriptor d) {
    return d.digest().equals(extra.descriptor().digest());
  }

  @Override
  public InputStream fetch(Descriptor target) throws IOException {
    return isExtra(target) ? new ByteArrayInputStream(extra.bytes()) : base.fetch(target);
  }

  @Override
  public boolean exists(Descriptor target) throws IOException {
    return isExtra(target) || base.exists(target);
  }

  @Override
  public void push(Descriptor expected, InputStream content) {
    throw new UnsupportedOperationException("read-only view");
  }

  @Override
  public Descriptor resolve(String reference) throws IOException {
    return reference.equals(extra.descriptor().digest().toString())
        ? extra.descriptor()
        : base.resolve(reference);
  }

  @Override
  public List<String> tags() throws IOException {
    return base.tags();
  }

  @Override
  public void tag(Descriptor target, String tag) {
    throw new UnsupportedOperationException("read-only view");
  }

  @Override
  public List<Descriptor> referrers(Descriptor subject, @Nullable String artifactType)
      throws IOException {
    return isExtra(subject) ? List.of() : base.referrers(subject, artifactType);
  }

  @Override
  public List<Descriptor> withPossibleReferrers(List<Descriptor> subjects) throws IOException {
    return base.withPossibleReferrers(subjects.stream().filter(s -> !isExtra(s)).toList());
  }

  @Override
  public void delete(Descriptor target) {
    throw new UnsupportedOperationException("read-only view");
  }
}
