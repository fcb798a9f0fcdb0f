package dev.ocitrust.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ocitrust.claims.ClaimReceipts;
import dev.ocitrust.claims.ReceiptCheck;
import dev.ocitrust.claims.TrustedService;
import dev.ocitrust.client.Descriptor;
import dev.ocitrust.cose.CoseException;
import dev.ocitrust.cose.CoseFormatException;
import dev.ocitrust.cose.ServiceKeys;
import dev.ocitrust.cose.TransparentStatement;
import dev.ocitrust.cose.UnverifiedReceipt;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ocitrust receipt verify}: checks, offline, the receipts of a transparent statement file or
 * of the claims in a store against one transparency service's keys.
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "Verify the COSE Receipts of a statement FILE (embedded, label 394, and any --receipt files),"
          + " or of the claims of TARGET (a claim manifest, or an artifact: each of its claims;"
          + " embedded receipts and receipts attached to the claim), with a transparency"
          + " service's keys. No network access to the service is needed.",
      "An existing regular file is read as a statement; anything else is a TARGET.",
      "Exit status 0 when every statement checked has a receipt the service verifies, 1"
          + " otherwise."
    })
final class ReceiptVerifyCommand implements Callable<Integer> {
  private static final long MAX_BYTES = ClaimReceipts.MAX_BYTES;

  @Mixin TargetOptions where;

  @Option(
      names = "--service-keys",
      paramLabel = "FILE",
      description =
          "the service's COSE_KeySet (CBOR, as /.well-known/scitt-keys serves it) or one COSE_Key")
  @Nullable Path serviceKeys;

  @Option(
      names = "--service-cert",
      paramLabel = "PEM",
      description = "the service's certificate(s), PEM (repeatable)")
  List<Path> serviceCerts = new ArrayList<>();

  @Option(
      names = "--service",
      paramLabel = "NAME",
      description = "the service's name in the output (default: service)")
  String serviceName = "service";

  @Option(
      names = "--issuer",
      paramLabel = "ISS",
      description = "require the receipts' signed CWT iss to be ISS")
  @Nullable String issuer;

  @Option(
      names = "--receipt",
      paramLabel = "FILE",
      description = "a detached receipt for the statement FILE (repeatable)")
  List<Path> receipts = new ArrayList<>();

  @Mixin OutputOption output;

  @Override
  public Integer call() throws Exception {
    boolean json = output.json();
    TrustedService service = service();
    Map<String, List<ReceiptCheck>> results = new LinkedHashMap<>();
    Path file = Path.of(where.target);
    if (!where.ociLayout && Files.isRegularFile(file)) {
      results.put(file.toString(), checkFile(file, service));
    } else {
      if (!receipts.isEmpty()) {
        throw new IllegalArgumentException("--receipt goes with a statement FILE, not a TARGET");
      }
      try (TargetSpec.Clients clients = where.clients()) {
        TargetSpec spec = where.read(clients);
        Descriptor d = spec.target().resolve(spec.requireReference());
        List<Descriptor> claims = new ArrayList<>();
        if (ClaimReceipts.statement(spec.target(), d).isPresent()) {
          claims.add(d);
        } else {
          for (Descriptor r : spec.target().referrers(d, null)) {
            if (ClaimReceipts.statement(spec.target(), r).isPresent()) {
              claims.add(r);
            }
          }
        }
        if (claims.isEmpty()) {
          throw new IllegalArgumentException(
              spec.display() + " is not a claim and has no claims to check");
        }
        for (Descriptor c : claims) {
          results.put(
              "claim " + c.digest(), ClaimReceipts.check(spec.target(), c, List.of(service)));
        }
      }
    }
    System.out.print(json ? json(results) : text(results));
    return results.values().stream().allMatch(l -> l.stream().anyMatch(ReceiptCheck::verified))
        ? 0
        : 1;
  }

  private TrustedService service() throws CoseFormatException {
    ServiceKeys keys = null;
    if (serviceKeys != null) {
      keys = ServiceKeys.fromCoseKeySet(PemFiles.read(serviceKeys, MAX_BYTES, "--service-keys"));
    }
    if (!serviceCerts.isEmpty()) {
      List<java.security.cert.X509Certificate> certs = new ArrayList<>();
      for (Path p : serviceCerts) {
        certs.addAll(PemFiles.certificates(p, "--service-cert"));
      }
      ServiceKeys fromCerts = ServiceKeys.fromCertificates(certs);
      keys = keys == null ? fromCerts : keys.and(fromCerts);
    }
    if (keys == null) {
      throw new IllegalArgumentException(
          "the service's keys are needed: --service-keys FILE or --service-cert PEM");
    }
    return new TrustedService(serviceName, Optional.ofNullable(issuer), keys);
  }

  private List<ReceiptCheck> checkFile(Path file, TrustedService service) {
    TransparentStatement ts;
    try {
      ts = TransparentStatement.parse(PemFiles.read(file, MAX_BYTES, "statement"));
    } catch (CoseFormatException e) {
      throw new IllegalArgumentException(file + " is not a COSE statement: " + e.getMessage(), e);
    }
    Map<String, byte[]> all = new LinkedHashMap<>();
    List<byte[]> embedded = ts.receipts();
    for (int i = 0; i < embedded.size(); i++) {
      all.put("embedded[" + i + "]", embedded.get(i));
    }
    for (Path r : receipts) {
      all.put(r.toString(), PemFiles.read(r, MAX_BYTES, "--receipt"));
    }
    List<ReceiptCheck> out = new ArrayList<>();
    for (Map.Entry<String, byte[]> e : all.entrySet()) {
      try {
        String detail =
            service.verifier().verify(UnverifiedReceipt.parse(e.getValue()), ts.entry()).toString();
        out.add(new ReceiptCheck(e.getKey(), Optional.of(service.name()), true, detail));
      } catch (CoseException ex) {
        out.add(
            new ReceiptCheck(e.getKey(), Optional.empty(), false, String.valueOf(ex.getMessage())));
      }
    }
    return out;
  }

  private static String text(Map<String, List<ReceiptCheck>> results) {
    StringBuilder b = new StringBuilder();
    results.forEach(
        (what, checks) -> {
          b.append(what)
              .append(": ")
              .append(checks.stream().filter(ReceiptCheck::verified).count())
              .append(" of ")
              .append(checks.size())
              .append(" receipt(s) verified\n");
          checks.forEach(c -> b.append("  ").append(c.text()).append('\n'));
        });
    return b.toString();
  }

  private static String json(Map<String, List<ReceiptCheck>> results) throws Exception {
    StringWriter w = new StringWriter();
    try (JsonGenerator g = new ObjectMapper().createGenerator(w)) {
      g.useDefaultPrettyPrinter();
      g.writeStartArray();
      for (Map.Entry<String, List<ReceiptCheck>> e : results.entrySet()) {
        g.writeStartObject();
        g.writeStringField("statement", e.getKey());
        g.writeArrayFieldStart("receipts");
        for (ReceiptCheck c : e.getValue()) {
          g.writeStartObject();
          g.writeStringField("source", c.source());
          g.writeBooleanField("verified", c.verified());
          if (c.service().isPresent()) {
            g.writeStringField("service", c.service().get());
          }
          g.writeStringField("detail", c.detail());
          g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    return w + "\n";
  }
}
