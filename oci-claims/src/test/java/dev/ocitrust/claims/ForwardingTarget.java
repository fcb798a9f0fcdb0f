package dev.ocitrust.claims;

import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.Manifest;
import dev.ocitrust.client.Target;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A target that forwards every call; tests override what they change. */
class ForwardingTarget implements Target {
  private final Target delegate;

  ForwardingTarget(Target delegate) {
    this.delegate = delegate;
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
  public void pushReferrers(Descriptor subject, List<Manifest> referrers) throws IOException {
    delegate.pushReferrers(subject, referrers);
  }

  @Override
  public void delete(Descriptor target) throws IOException {
    delegate.delete(target);
  }

  @Override
  public InputStream fetch(Descriptor target) throws IOException {
    return delegate.fetch(target);
  }

  @Override
  public boolean exists(Descriptor target) throws IOException {
    return delegate.exists(target);
  }

  @Override
  public void push(Descriptor expected, InputStream content) throws IOException {
    delegate.push(expected, content);
  }
}
