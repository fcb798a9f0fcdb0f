package dev.ocitrust.benchmarks;

import dev.ocitrust.claims.Approval;
import dev.ocitrust.claims.ClaimIssuer;
import dev.ocitrust.claims.ClaimPolicy;
import dev.ocitrust.claims.ClaimTypes;
import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.Digest;
import dev.ocitrust.client.ImageManifest;
import dev.ocitrust.client.MediaTypes;
import dev.ocitrust.client.Target;
import dev.ocitrust.cose.NotaryEnvelopeSigner;
import dev.ocitrust.policy.NotarySigner;
import dev.ocitrust.testkit.TestCertificate;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The claims benchmark's artifact: an image signed by its publisher (a Notary COSE signature) with
 * 200 claims from 3 issuers — each issuer's approval for prod and its result for each of 49 checks
 * (150 claims), and for every third of those 150 an older claim of the same issuer, kind and
 * environment (50 claims, superseded; the older approvals are rejections, so a verifier that gets
 * supersession wrong denies). The configuration folder is laid out as notation's ({@code
 * truststore/x509/ca/<issuer>/root.pem}, {@code trustpolicy.json}) with {@code claimpolicy.json}
 * beside it: every issuer must approve, none may reject, and every issuer must have a current
 * result of every check (51 rules, so every claim is a candidate).
 */
final class ClaimSet {
  static final String ENVIRONMENT = "prod";
  static final int CHECKS = 49;

  /** One issuer: its name in the policy, its iss, and its PKI (a root and a code-signing leaf). */
  record Party(
      String name, String role, String iss, String dn, TestCertificate root, TestCertificate leaf) {
    static Party of(String name, String role, String iss, String dn) {
      TestCertificate root =
          TestCertificate.builder()
              .subject("CN=" + name + " root," + org(dn))
              .certificateAuthority(1)
              .build();
      TestCertificate leaf = TestCertificate.builder().subject(dn).signedBy(root).build();
      return new Party(name, role, iss, dn, root, leaf);
    }

    private static String org(String dn) {
      return dn.substring(dn.indexOf("O="));
    }

    /** The trusted identity, as a trust policy spells it (RDNs from C to CN). */
    String identity() {
      List<String> rdns = new ArrayList<>(List.of(dn.split(",")));
      java.util.Collections.reverse(rdns);
      return "x509.subject: " + String.join(", ", rdns);
    }
  }

  final List<Party> parties;
  final Path config;
  final Descriptor image;
  final List<String> types;
  final Set<Digest> claimManifests;
  final Set<Digest> statements;
  final int superseded;

  private ClaimSet(
      List<Party> parties,
      Path config,
      Descriptor image,
      List<String> types,
      Set<Digest> claimManifests,
      Set<Digest> statements,
      int superseded) {
    this.parties = parties;
    this.config = config;
    this.image = image;
    this.types = types;
    this.claimManifests = claimManifests;
    this.statements = statements;
    this.superseded = superseded;
  }

  static String checkType(int check) {
    return String.format("application/vnd.example.check-%02d.v1+json", check);
  }

  /**
   * Pushes the image as {@code v1} into {@code target}, signs it as the publisher, issues the
   * claims there (iat in the last hour, older claims a day before), and writes the configuration
   * folder {@code config}.
   */
  static ClaimSet create(Target target, Path config) throws Exception {
    List<Party> parties =
        List.of(
            Party.of(
                "acme",
                "consumer",
                "https://acme-rockets.example",
                "CN=claims,O=acme-rockets.example,ST=WA,C=US"),
            Party.of(
                "wabbit",
                "publisher",
                "https://wabbit-networks.example",
                "CN=claims,O=wabbit-networks.example,ST=WA,C=US"),
            Party.of(
                "hare",
                "publisher",
                "https://hare-security.example",
                "CN=scanner,O=hare-security.example,ST=CA,C=US"));
    Descriptor image = pushImage(target);
    Party publisher = parties.get(1);
    NotarySigner.builder(
            NotaryEnvelopeSigner.builder(publisher.leaf().privateKey(), publisher.leaf().chain())
                .build())
        .build()
        .sign(target, "v1");
    List<String> types = new ArrayList<>();
    types.add(ClaimTypes.APPROVAL);
    for (int c = 1; c <= CHECKS; c++) {
      types.add(checkType(c));
    }
    Instant base = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(1));
    List<Descriptor> claims = new ArrayList<>();
    int superseded = 0;
    for (int i = 0; i < parties.size(); i++) {
      Party p = parties.get(i);
      for (int t = 0; t < types.size(); t++) {
        int k = i * types.size() + t;
        Instant iat = base.minusSeconds(k);
        if (k % 3 == 0) {
          claims.add(issue(target, p, types.get(t), iat.minus(Duration.ofDays(1)), true));
          superseded++;
        }
        claims.add(issue(target, p, types.get(t), iat, false));
      }
    }
    Set<Digest> manifests = new HashSet<>();
    Set<Digest> statements = new HashSet<>();
    for (Descriptor d : claims) {
      manifests.add(d.digest());
      statements.add(((ImageManifest) target.fetchManifest(d)).layers().get(0).digest());
    }
    writeConfig(config, parties, types);
    return new ClaimSet(
        parties, config, image, List.copyOf(types), manifests, statements, superseded);
  }

  int claims() {
    return claimManifests.size();
  }

  private static Descriptor issue(Target target, Party p, String type, Instant iat, boolean older)
      throws Exception {
    ClaimIssuer issuer =
        ClaimIssuer.builder(p.leaf().privateKey(), p.leaf().chain(), p.iss())
            .clock(Clock.fixed(iat, ZoneOffset.UTC))
            .build();
    if (type.equals(ClaimTypes.APPROVAL)) {
      return issuer.approve(
          target,
          "v1",
          older
              ? Approval.rejected(ENVIRONMENT).withReason("not yet reviewed")
              : Approval.approved(ENVIRONMENT).withReason("reviewed"));
    }
    String result =
        "{\"check\":\""
            + type
            + "\",\"issuer\":\""
            + p.name()
            + "\",\"result\":\"pass\",\"run\":"
            + (older ? 1 : 2)
            + "}";
    return issuer.issue(target, "v1", type, result.getBytes(StandardCharsets.UTF_8));
  }

  private static Descriptor pushImage(Target target) throws Exception {
    byte[] config =
        "{\"architecture\":\"amd64\",\"os\":\"linux\"}".getBytes(StandardCharsets.UTF_8);
    byte[] layer = "net-monitor v1".getBytes(StandardCharsets.UTF_8);
    Descriptor c = Descriptor.of(MediaTypes.OCI_CONFIG, config);
    Descriptor l = Descriptor.of(MediaTypes.OCI_LAYER_TAR, layer);
    target.push(c, config);
    target.push(l, layer);
    Descriptor image = target.push(ImageManifest.builder(c).layer(l).build());
    target.tag(image, "v1");
    return image.basic();
  }

  private static void writeConfig(Path config, List<Party> parties, List<String> types)
      throws Exception {
    List<String> issuers = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (Party p : parties) {
      p.root().writePem(config.resolve("truststore/x509/ca/" + p.name() + "/root.pem"));
      names.add("\"" + p.name() + "\"");
      issuers.add(
          "{\"name\":\""
              + p.name()
              + "\",\"role\":\""
              + p.role()
              + "\",\"iss\":[\""
              + p.iss()
              + "\"],\"trustStores\":[\"ca:"
              + p.name()
              + "\"],\"trustedIdentities\":[\""
              + p.identity()
              + "\"]}");
    }
    String from = "[" + String.join(",", names) + "]";
    List<String> rules = new ArrayList<>();
    rules.add(
        "{\"name\":\"approved\",\"requireApproval\":{\"from\":"
            + from
            + ",\"match\":\"all\",\"maxAge\":\"P30D\"}}");
    rules.add("{\"name\":\"not-rejected\",\"denyRejection\":{\"from\":" + from + "}}");
    for (String type : types.subList(1, types.size())) {
      rules.add(
          "{\"name\":\""
              + type.substring(type.indexOf("check-"), type.indexOf(".v1"))
              + "\",\"requireClaim\":{\"contentType\":\""
              + type
              + "\",\"from\":"
              + from
              + ",\"match\":\"all\",\"maxAge\":\"P30D\"}}");
    }
    String policy =
        "{\"version\":\"1.0\",\"claimPolicies\":[{\"name\":\"bench-prod\",\"registryScopes\":[\"*\"],"
            + "\"environments\":[\""
            + ENVIRONMENT
            + "\"],\"issuers\":["
            + String.join(",", issuers)
            + "],\"precedence\":[\"acme\",\"wabbit\",\"hare\"],\"rules\":["
            + String.join(",", rules)
            + "]}]}";
    ClaimPolicy.parse(policy);
    Files.writeString(config.resolve(ClaimPolicy.FILE_NAME), policy);
    Party publisher = parties.get(1);
    Files.writeString(
        config.resolve("trustpolicy.json"),
        "{\"version\":\"1.0\",\"trustPolicies\":[{\"name\":\"bench\",\"registryScopes\":[\"*\"],"
            + "\"signatureVerification\":{\"level\":\"strict\"},\"trustStores\":[\"ca:"
            + publisher.name()
            + "\"],\"trustedIdentities\":[\""
            + publisher.identity()
            + "\"]}]}");
  }

  /** The peer pipeline's anchors: per iss, the root in PEM and the leaf's subject RDNs. */
  String anchorsJson() {
    List<String> entries = new ArrayList<>();
    for (Party p : parties) {
      List<String> rdns = new ArrayList<>();
      for (String rdn : p.dn().split(",", -1)) {
        rdns.add("\"" + rdn.trim() + "\"");
      }
      entries.add(
          "\""
              + p.iss()
              + "\":{\"root\":\""
              + p.root().certificatePem().replace("\n", "\\n")
              + "\",\"identity\":["
              + String.join(",", rdns)
              + "]}");
    }
    return "{" + String.join(",", entries) + "}";
  }

  /** The claim types as a JSON array, for the pipeline's jq filter. */
  String typesJson() {
    return "[" + String.join(",", types.stream().map(t -> "\"" + t + "\"").toList()) + "]";
  }
}
