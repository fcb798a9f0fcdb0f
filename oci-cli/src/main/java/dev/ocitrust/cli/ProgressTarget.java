package dev.ocitrust.cli;

import dev.ocitrust.client.ContentStreams;
import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.Manifest;
import dev.ocitrust.client.Target;
import dev.ocitrust.client.TransferListener;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A target whose {@link #fetch} streams report the bytes read to a {@link TransferListener}, for
 * the progress display of reads from an OCI layout (a layout-to-layout copy, a pull from a layout),
 * which no registry client reports. The streams keep the layout's verification ({@link
 * ContentStreams#counting}), so a copy still hashes each byte once. Everything else is delegated.
 * As thread-safe as the target it wraps.
 */
final class ProgressTarget implements Target {
  private final Target delegate;
  private final TransferListener listener;

  ProgressTarget(Target delegate, TransferListener listener) {
    this.delegate = delegate;
    this.listener = listener;
  }

  @Override
  public InputStream fetch(Descriptor target) throws IOException {
    long[] done = {0};
    return ContentStreams.counting(
        delegate.fetch(target),
        n -> {
          done[0] += n;
          listener.progress(target, TransferListener.Direction.DOWNLOAD, done[0]);
        });
  }

  @Override
  public byte[] fetchBytes(Descriptor target, long maxBytes) throws IOException {
    return delegate.fetchBytes(target, maxBytes);
  }

  @Override
  public Manifest fetchManifest(Descriptor target) throws IOException {
    return delegate.fetchManifest(target);
  }

  @Override
  public boolean exists(Descriptor target) throws IOException {
    return delegate.exists(target);
  }

  @Override
  public void push(Descriptor expected, InputStream content) throws IOException {
    delegate.push(expected, content);
  }

  @Override
  public Descriptor resolve(String reference) throws IOException {
    return delegate.resolve(reference);
  }

  @Override
  public List<String> tags() throws IOException {
    return delegate.tags();
  }

  @Override
  public void tag(Descriptor target, String tag) throws IOException {
    delegate.tag(target, tag);
  }

  @Override
  public List<Descriptor> referrers(Descriptor subject, @Nullable String artifactType)
      throws IOException {
    return delegate.referrers(subject, artifactType);
  }

  @Override
  public List<Descriptor> withPossibleReferrers(List<Descriptor> subjects) throws IOException {
    return delegate.withPossibleReferrers(subjects);
  }

  @Override
  public void pushReferrers(Descriptor subject, List<Manifest> referrers) throws IOException {
    delegate.pushReferrers(subject, referrers);
  }

  @Override
  public void delete(Descriptor target) throws IOException {
    delegate.delete(target);
  }

  @Override
  public String toString() {
    return delegate.toString();
  }
}
