package dev.ocitrust.policy.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ocitrust.policy.InvalidTrustPolicyException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Strict structural reading of trust-policy JSON: duplicate keys, trailing content, unknown or
 * mistyped properties and {@code null} values are errors. Rules of the specification are checked
 * afterwards, on the {@link RawDocument}.
 */
public final class PolicyJson {
  private static final Set<String> DOCUMENT_FIELDS = Set.of("version", "trustPolicies");
  private static final Set<String> OCI_FIELDS =
      Set.of("name", "registryScopes", "signatureVerification", "trustStores", "trustedIdentities");
  private static final Set<String> BLOB_FIELDS =
      Set.of("name", "signatureVerification", "trustStores", "trustedIdentities", "globalPolicy");
  private static final Set<String> VERIFICATION_FIELDS =
      Set.of("level", "override", "verifyTimestamp");

  private PolicyJson() {}

  /**
   * Reads a document.
   *
   * @param json the bytes (UTF-8)
   * @param kind {@code "oci"} or {@code "blob"}
   * @param source what to call the document in messages (a file name, or "document")
   */
  public static RawDocument read(byte[] json, String kind, String source)
      throws InvalidTrustPolicyException {
    boolean blob = kind.equals("blob");
    JsonNode root;
    try {
      root = StrictJson.readTree(json);
    } catch (StrictJson.Problem e) {
      throw new InvalidTrustPolicyException(
          null, "malformed " + kind + " trust policy " + source + ": " + e.getMessage(), e);
    }
    String where = kind + " trust policy " + source;
    if (root == null || !root.isObject()) {
      throw fail(null, where + " must be a JSON object");
    }
    checkFields(root, DOCUMENT_FIELDS, null, where);
    String version = optionalString(root, "version", null, where);
    List<RawStatement> statements = new ArrayList<>();
    JsonNode list = root.get("trustPolicies");
    if (list != null) {
      if (!list.isArray()) {
        throw fail(null, where + ": \"trustPolicies\" must be an array, found " + type(list));
      }
      int position = 0;
      for (JsonNode s : list) {
        position++;
        statements.add(statement(s, position, blob, kind));
      }
    }
    return new RawDocument(version, statements);
  }

  private static RawStatement statement(JsonNode s, int position, boolean blob, String kind)
      throws InvalidTrustPolicyException {
    String where = kind + " trust policy statement #" + position;
    if (!s.isObject()) {
      throw fail(null, where + " must be a JSON object, found " + type(s));
    }
    JsonNode nameNode = s.get("name");
    String stmt = nameNode != null && nameNode.isTextual() ? nameNode.asText() : null;
    if (stmt != null && !stmt.isEmpty()) {
      where = kind + " trust policy statement \"" + stmt + "\"";
    }
    checkFields(s, blob ? BLOB_FIELDS : OCI_FIELDS, stmt, where);
    String name = optionalString(s, "name", stmt, where);
    List<String> scopes = blob ? null : optionalStrings(s, "registryScopes", stmt, where);
    JsonNode sv = s.get("signatureVerification");
    String level = null;
    String verifyTimestamp = null;
    Map<String, String> override = new LinkedHashMap<>();
    if (sv != null) {
      if (!sv.isObject()) {
        throw fail(
            stmt, where + ": \"signatureVerification\" must be an object, found " + type(sv));
      }
      String svWhere = where + " signatureVerification";
      checkFields(sv, VERIFICATION_FIELDS, stmt, svWhere);
      level = optionalString(sv, "level", stmt, svWhere);
      verifyTimestamp = optionalString(sv, "verifyTimestamp", stmt, svWhere);
      JsonNode o = sv.get("override");
      if (o != null) {
        if (!o.isObject()) {
          throw fail(stmt, svWhere + ": \"override\" must be an object, found " + type(o));
        }
        for (Map.Entry<String, JsonNode> e : o.properties()) {
          if (!e.getValue().isTextual()) {
            throw fail(
                stmt,
                svWhere
                    + ": override \""
                    + e.getKey()
                    + "\" must be a string, found "
                    + type(e.getValue()));
          }
          override.put(e.getKey(), e.getValue().asText());
        }
      }
    }
    List<String> stores = optionalStrings(s, "trustStores", stmt, where);
    List<String> identities = optionalStrings(s, "trustedIdentities", stmt, where);
    Boolean global = null;
    if (blob) {
      JsonNode g = s.get("globalPolicy");
      if (g != null) {
        if (!g.isBoolean()) {
          throw fail(stmt, where + ": \"globalPolicy\" must be true or false, found " + type(g));
        }
        global = g.booleanValue();
      }
    }
    return new RawStatement(
        position,
        name,
        scopes,
        sv != null,
        level,
        override,
        verifyTimestamp,
        stores == null ? List.of() : stores,
        identities == null ? List.of() : identities,
        global);
  }

  private static void checkFields(
      JsonNode node, Set<String> allowed, @Nullable String stmt, String where)
      throws InvalidTrustPolicyException {
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String n = names.next();
      if (!allowed.contains(n)) {
        throw fail(
            stmt,
            where
                + " has the unknown property \""
                + n
                + "\" (property names are case-sensitive; allowed: "
                + new java.util.TreeSet<>(allowed)
                + ")");
      }
    }
  }

  private static @Nullable String optionalString(
      JsonNode node, String field, @Nullable String stmt, String where)
      throws InvalidTrustPolicyException {
    JsonNode v = node.get(field);
    if (v == null) {
      return null;
    }
    if (!v.isTextual()) {
      throw fail(stmt, where + ": \"" + field + "\" must be a string, found " + type(v));
    }
    return v.asText();
  }

  private static @Nullable List<String> optionalStrings(
      JsonNode node, String field, @Nullable String stmt, String where)
      throws InvalidTrustPolicyException {
    JsonNode v = node.get(field);
    if (v == null) {
      return null;
    }
    if (!v.isArray()) {
      throw fail(stmt, where + ": \"" + field + "\" must be an array of strings, found " + type(v));
    }
    List<String> out = new ArrayList<>();
    for (JsonNode e : v) {
      if (!e.isTextual()) {
        throw fail(stmt, where + ": \"" + field + "\" must hold only strings, found " + type(e));
      }
      out.add(e.asText());
    }
    return List.copyOf(out);
  }

  private static String type(JsonNode n) {
    return n.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }

  private static InvalidTrustPolicyException fail(@Nullable String stmt, String message) {
    return new InvalidTrustPolicyException(stmt, message, null);
  }
}
