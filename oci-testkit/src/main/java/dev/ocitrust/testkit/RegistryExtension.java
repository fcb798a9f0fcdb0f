package dev.ocitrust.testkit;

import java.io.IOException;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that runs one real {@link RegistryServer} for a test class: registered on a
 * {@code static} field it starts before all tests of the class (and its {@code @Nested} classes)
 * and stops after them; on an instance field it starts and stops around each test. It also resolves
 * {@link RegistryServer} parameters of test and lifecycle methods (register one such extension per
 * class when you use parameters; with several, use {@link #server()}).
 *
 * <p>A missing {@code docker-registry} executable skips the class, or fails it under {@code
 * CI=true}; a registry that does not come up fails it with the registry's log.
 *
 * <p>Thread-safe: the state is guarded; one registry per extension instance.
 *
 * <pre>{@code
 * class PushIT {
 *   @RegisterExtension static RegistryExtension registry = RegistryExtension.htpasswd();
 *
 *   @Test void push(RegistryServer server) {
 *     // server.host(), server.username(), server.password() ...
 *   }
 * }
 * }</pre>
 */
public final class RegistryExtension
    implements BeforeAllCallback,
        AfterAllCallback,
        BeforeEachCallback,
        AfterEachCallback,
        ParameterResolver {
  private final Consumer<RegistryServer.Builder> configuration;
  private final Object lock = new Object();
  private @Nullable RegistryServer server;
  private @Nullable String ownerId;

  private RegistryExtension(Consumer<RegistryServer.Builder> configuration) {
    this.configuration = configuration;
  }

  /** A plain-HTTP registry without auth. */
  public static RegistryExtension plain() {
    return new RegistryExtension(b -> {});
  }

  /** A plain-HTTP registry with htpasswd basic auth and a random password. */
  public static RegistryExtension htpasswd() {
    return new RegistryExtension(RegistryServer.Builder::htpasswd);
  }

  /** An HTTPS registry without auth, serving a generated certificate. */
  public static RegistryExtension tls() {
    return new RegistryExtension(RegistryServer.Builder::tls);
  }

  /** A registry configured by {@code configuration}, e.g. {@code b -> b.tls().htpasswd()}. */
  public static RegistryExtension configured(Consumer<RegistryServer.Builder> configuration) {
    return new RegistryExtension(Objects.requireNonNull(configuration, "configuration"));
  }

  /**
   * The running registry.
   *
   * @throws IllegalStateException outside the tests this extension is registered for
   */
  public RegistryServer server() {
    synchronized (lock) {
      if (server == null) {
        throw new IllegalStateException(
            "the registry runs only while the tests of the class that registers it run");
      }
      return server;
    }
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    startFor(context);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    stopFor(context);
  }

  @Override
  public void beforeEach(ExtensionContext context) throws IOException {
    startFor(context);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    stopFor(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == RegistryServer.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return server();
  }

  /** Starts unless already running for an enclosing context; remembers who started it. */
  private void startFor(ExtensionContext context) throws IOException {
    synchronized (lock) {
      if (server != null) {
        return;
      }
      RegistryServer.Builder builder = RegistryServer.builder();
      configuration.accept(builder);
      server = builder.start();
      ownerId = context.getUniqueId();
    }
  }

  /** Stops only in the context that started it. */
  private void stopFor(ExtensionContext context) {
    RegistryServer toStop;
    synchronized (lock) {
      if (server == null || !context.getUniqueId().equals(ownerId)) {
        return;
      }
      toStop = server;
      server = null;
      ownerId = null;
    }
    toStop.close();
  }
}
