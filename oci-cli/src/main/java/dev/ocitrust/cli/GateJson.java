package dev.ocitrust.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ocitrust.claims.ArtifactLocation;
import dev.ocitrust.claims.ClaimDecision;
import dev.ocitrust.claims.GateResult;
import dev.ocitrust.client.Descriptor;
import dev.ocitrust.policy.SignatureReport;
import dev.ocitrust.policy.VerificationResult;
import java.util.List;

/**
 * The JSON {@code verify -o json} prints: a signature verification, or a deployment decision with
 * both halves (the signature verification and the claim decision as {@code ClaimDecision.json()}
 * writes it, or the failure that left a half without a result).
 */
final class GateJson {
  private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** A deployment decision. */
  String gate(GateResult r, String scope) throws JsonProcessingException {
    return json.writeValueAsString(gateNode(r, scope)) + "\n";
  }

  /**
   * A deployment decision that followed redirects: the decision and artifact of the chain's end,
   * and every hop as {@link #gate} writes it.
   */
  String chain(List<GateResult> hops, List<ArtifactLocation> at, boolean allowed)
      throws JsonProcessingException {
    ObjectNode root = json.createObjectNode();
    GateResult last = hops.get(hops.size() - 1);
    ObjectNode lastNode = gateNode(last, at.get(at.size() - 1).scope());
    root.put("decision", allowed ? lastNode.get("decision").asText() : "DENY");
    root.put("redirects", hops.size() - 1);
    ObjectNode deploy = root.putObject(allowed ? "deploy" : "end");
    deploy.put("scope", at.get(at.size() - 1).scope());
    deploy.put("digest", last.artifact().digest().toString());
    ArrayNode chain = root.putArray("chain");
    for (int i = 0; i < hops.size(); i++) {
      ObjectNode hop = gateNode(hops.get(i), at.get(i).scope());
      hop.put("reference", at.get(i).reference());
      chain.add(hop);
    }
    return json.writeValueAsString(root) + "\n";
  }

  private ObjectNode gateNode(GateResult r, String scope) throws JsonProcessingException {
    ObjectNode root = json.createObjectNode();
    String decision =
        !r.isAllowed()
            ? ClaimDecision.Verdict.DENY.name()
            : r.claims().map(c -> c.verdict().name()).orElse(ClaimDecision.Verdict.DENY.name());
    root.put("decision", decision);
    root.put("scope", scope);
    root.put("environment", r.environment());
    root.set("artifact", artifact(r.artifact()));
    if (r.signatures().isPresent()) {
      root.set("signature", signature(r.signatures().get()));
    } else {
      ObjectNode failed = root.putObject("signature");
      failed.put("verdict", VerificationResult.Verdict.REJECTED.name());
      failed.put("failure", r.signatureFailure().orElse(""));
    }
    if (r.claims().isPresent()) {
      root.set("claims", json.readTree(r.claims().get().json()));
    } else {
      ObjectNode failed = root.putObject("claims");
      failed.put("decision", ClaimDecision.Verdict.DENY.name());
      failed.put("failure", r.claimFailure().orElse(""));
    }
    return root;
  }

  /** A signature verification alone. */
  String signatures(VerificationResult r) throws JsonProcessingException {
    return json.writeValueAsString(signature(r)) + "\n";
  }

  private ObjectNode signature(VerificationResult r) {
    ObjectNode o = json.createObjectNode();
    o.put("verdict", r.verdict().name());
    o.put("scope", r.scope());
    o.put("reference", r.reference());
    r.artifact().ifPresent(a -> o.set("artifact", artifact(a)));
    o.put("statement", r.statement().name());
    o.put("summary", r.summary());
    ArrayNode signatures = o.putArray("signatures");
    for (SignatureReport s : r.signatures()) {
      ObjectNode one = signatures.addObject();
      one.put("digest", s.signatureManifest().digest().toString());
      s.envelopeFormat().ifPresent(f -> one.put("envelopeFormat", f.formatName()));
      one.put("accepted", s.accepted());
      s.rejection().ifPresent(why -> one.put("rejection", why));
    }
    return o;
  }

  private ObjectNode artifact(Descriptor d) {
    ObjectNode o = json.createObjectNode();
    o.put("mediaType", d.mediaType());
    o.put("digest", d.digest().toString());
    o.put("size", d.size());
    return o;
  }
}
