package dev.ocitrust.transparency.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.ocitrust.cose.CoseException;
import dev.ocitrust.cose.UnverifiedScittStatement;
import dev.ocitrust.transparency.InclusionProof;
import dev.ocitrust.transparency.MerkleLog;
import dev.ocitrust.transparency.ReceiptIssuer;
import dev.ocitrust.transparency.RegistrationPolicy;
import dev.ocitrust.transparency.RegistrationRejectedException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The SCRAPI resources: {@code POST /entries}, {@code GET /entries/{id}}, {@code GET
 * /.well-known/scitt-keys[/{kid}]}. Errors are concise problem details. An entry's id is its leaf
 * index in decimal; its receipt proves inclusion in the tree as it is when asked.
 *
 * <p>Thread-safe: the log serialises appends and proofs.
 */
public final class ScrapiHandler implements HttpHandler {
  private static final String COSE = "application/cose";
  private static final int MAX_STATEMENT = LogFiles.MAX_ENTRY_BYTES;

  private final MerkleLog log;
  private final ReceiptIssuer issuer;
  private final RegistrationPolicy policy;
  private final Duration pendingFor;
  private final Clock clock;
  private final Map<Long, Instant> pending = new ConcurrentHashMap<>();

  /** A handler over {@code log}; a positive {@code pendingFor} answers registrations with 303. */
  public ScrapiHandler(
      MerkleLog log,
      ReceiptIssuer issuer,
      RegistrationPolicy policy,
      Duration pendingFor,
      Clock clock) {
    this.log = log;
    this.issuer = issuer;
    this.policy = policy;
    this.pendingFor = pendingFor;
    this.clock = clock;
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getRawPath();
      String method = ex.getRequestMethod();
      if (path.equals("/entries")) {
        if (!method.equals("POST")) {
          problem(ex, 405, "Method Not Allowed", "use POST for /entries");
          return;
        }
        register(ex);
      } else if (path.startsWith("/entries/")) {
        if (!method.equals("GET")) {
          problem(ex, 405, "Method Not Allowed", "use GET for " + path);
          return;
        }
        entry(ex, path.substring("/entries/".length()));
      } else if (path.equals("/.well-known/scitt-keys")) {
        send(ex, 200, "application/cbor", issuer.keySet());
      } else if (path.startsWith("/.well-known/scitt-keys/")) {
        String kid = path.substring("/.well-known/scitt-keys/".length());
        if (kid.equals(Base64.getUrlEncoder().withoutPadding().encodeToString(issuer.keyId()))) {
          send(ex, 200, "application/cbor", issuer.coseKey());
        } else {
          problem(ex, 404, "Not Found", "no service key has kid " + kid);
        }
      } else {
        problem(ex, 404, "Not Found", "no resource " + path);
      }
    } catch (RuntimeException e) {
      problem(ex, 500, "Internal Error", e.toString());
    }
  }

  private void register(HttpExchange ex) throws IOException {
    String type = ex.getRequestHeaders().getFirst("Content-Type");
    if (type == null || !type.trim().toLowerCase(java.util.Locale.ROOT).startsWith(COSE)) {
      problem(
          ex, 415, "Unsupported Media Type", "POST /entries takes application/cose, found " + type);
      return;
    }
    byte[] body;
    try (InputStream in = ex.getRequestBody()) {
      body = in.readNBytes(MAX_STATEMENT + 1);
    }
    if (body.length > MAX_STATEMENT) {
      problem(ex, 413, "Payload Too Large", "a statement is at most " + MAX_STATEMENT + " bytes");
      return;
    }
    UnverifiedScittStatement statement;
    byte[] entry;
    try {
      statement = UnverifiedScittStatement.parse(body);
      entry = Statements.entry(body);
    } catch (CoseException e) {
      problem(ex, 400, "Bad Statement", "not a signed statement: " + e.getMessage());
      return;
    }
    try {
      policy.check(statement);
    } catch (RegistrationRejectedException e) {
      problem(ex, 400, e.title(), e.getMessage() == null ? e.title() : e.getMessage());
      return;
    }
    long index = log.append(entry);
    String location = "/entries/" + index;
    ex.getResponseHeaders().set("Location", location);
    if (!pendingFor.isZero()) {
      pending.put(index, clock.instant().plus(pendingFor));
      ex.getResponseHeaders().set("Retry-After", retryAfter());
      send(ex, 303, null, new byte[0]);
      return;
    }
    send(ex, 201, COSE, receipt(index, statement.claims().subject()));
  }

  private void entry(HttpExchange ex, String id) throws IOException {
    long index;
    try {
      index = Long.parseLong(id);
    } catch (NumberFormatException e) {
      problem(
          ex, 400, "Invalid locator", "an entry id is a decimal leaf index, found \"" + id + "\"");
      return;
    }
    if (index < 0 || index >= log.size()) {
      problem(ex, 404, "Not Found", "no entry " + id + " (the log holds " + log.size() + ")");
      return;
    }
    Instant ready = pending.get(index);
    if (ready != null) {
      if (clock.instant().isBefore(ready)) {
        ex.getResponseHeaders().set("Location", "/entries/" + index);
        ex.getResponseHeaders().set("Retry-After", retryAfter());
        send(ex, 302, null, new byte[0]);
        return;
      }
      pending.remove(index);
    }
    String subject;
    try {
      subject = UnverifiedScittStatement.parse(log.entry(index)).claims().subject();
    } catch (CoseException e) {
      throw new IOException("entry " + index + " of the log is not a statement", e);
    }
    send(ex, 200, COSE, receipt(index, subject));
  }

  private byte[] receipt(long index, String subject) throws IOException {
    InclusionProof proof;
    byte[] root;
    synchronized (log) {
      long size = log.size();
      proof = log.inclusionProof(index, size);
      root = log.root(size);
    }
    try {
      return issuer.issue(proof, root, subject);
    } catch (CoseException e) {
      throw new IOException("cannot sign the receipt of entry " + index, e);
    }
  }

  private String retryAfter() {
    return Long.toString(Math.max(1, (pendingFor.toMillis() + 999) / 1000));
  }

  private static void problem(HttpExchange ex, int status, String title, String detail)
      throws IOException {
    send(ex, status, ProblemDetails.MEDIA_TYPE, ProblemDetails.encode(title, detail));
  }

  private static void send(HttpExchange ex, int status, @Nullable String type, byte[] body)
      throws IOException {
    if (type != null) {
      ex.getResponseHeaders().set("Content-Type", type);
    }
    ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
  }
}
