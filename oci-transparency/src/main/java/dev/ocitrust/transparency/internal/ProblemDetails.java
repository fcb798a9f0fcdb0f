package dev.ocitrust.transparency.internal;

import dev.ocitrust.cose.internal.Cbor;
import dev.ocitrust.cose.internal.CborEncoder;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * RFC 9290 concise problem details in CBOR, as SCRAPI answers errors: {@code {-1: title, -2:
 * detail}}.
 */
public final class ProblemDetails {
  /** The media type. */
  public static final String MEDIA_TYPE = "application/concise-problem-details+cbor";

  private ProblemDetails() {}

  /** The encoded problem. */
  public static byte[] encode(String title, String detail) {
    Map<Cbor, Cbor> m = new LinkedHashMap<>();
    m.put(new Cbor.Int(-1), new Cbor.Text(title));
    m.put(new Cbor.Int(-2), new Cbor.Text(detail));
    return CborEncoder.encode(new Cbor.MapItem(m));
  }
}
