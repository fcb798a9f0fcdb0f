package dev.ocitrust.cose;

import dev.ocitrust.cose.internal.Cbor;
import java.util.Objects;

/**
 * A COSE header label: an integer (registered in the IANA COSE Header Parameters registry) or a
 * text string (private or application labels such as {@code io.cncf.notary.signingScheme}).
 *
 * <p>Immutable and thread-safe; equal labels are {@link #equals equal}.
 *
 * <pre>{@code
 * HeaderLabel scheme = HeaderLabel.of("io.cncf.notary.signingScheme");
 * HeaderLabel alg = HeaderLabel.ALG; // 1
 * }</pre>
 */
public final class HeaderLabel {
  /** {@code alg} (1). */
  public static final HeaderLabel ALG = of(1);

  /** {@code crit} (2). */
  public static final HeaderLabel CRIT = of(2);

  /** {@code content type} (3). */
  public static final HeaderLabel CONTENT_TYPE = of(3);

  /** {@code kid} (4). */
  public static final HeaderLabel KID = of(4);

  /** {@code CWT Claims} (15, RFC 9597). */
  public static final HeaderLabel CWT_CLAIMS = of(15);

  /** {@code x5chain} (33, RFC 9360). */
  public static final HeaderLabel X5CHAIN = of(33);

  /** {@code x5t} (34, RFC 9360). */
  public static final HeaderLabel X5T = of(34);

  /**
   * {@code 3161-ctt} (270, RFC 9921): an RFC 3161 time stamp token over the COSE signature, "COSE,
   * then time stamp", carried in the unprotected header.
   */
  public static final HeaderLabel TIMESTAMP_AFTER_SIGNATURE = of(270);

  /**
   * {@code receipts} (394, RFC 9943): the array of byte-string-wrapped COSE Receipts a Transparent
   * Statement carries in its unprotected header.
   */
  public static final HeaderLabel RECEIPTS = of(394);

  /**
   * {@code vds} (395, RFC 9942): the verifiable data structure of a receipt, in its protected
   * header; see {@link VerifiableDataStructure}.
   */
  public static final HeaderLabel VDS = of(395);

  /**
   * {@code vdp} (396, RFC 9942): the verifiable data structure proofs of a receipt, a map in its
   * unprotected header ({@code -1} inclusion proofs, {@code -2} consistency proofs).
   */
  public static final HeaderLabel VDP = of(396);

  private final long intLabel;
  private final String textLabel;

  private HeaderLabel(long intLabel, String textLabel) {
    this.intLabel = intLabel;
    this.textLabel = textLabel;
  }

  /** An integer label. */
  public static HeaderLabel of(long label) {
    return new HeaderLabel(label, "");
  }

  /**
   * A text label.
   *
   * @throws IllegalArgumentException if {@code label} is empty
   */
  public static HeaderLabel of(String label) {
    if (label.isEmpty()) {
      throw new IllegalArgumentException("a text header label must not be empty");
    }
    return new HeaderLabel(0, label);
  }

  static HeaderLabel fromCbor(Cbor key) throws CoseFormatException {
    if (key instanceof Cbor.Int i) {
      return of(i.value());
    }
    if (key instanceof Cbor.Text t && !t.value().isEmpty()) {
      return of(t.value());
    }
    throw new CoseFormatException(
        "expected a header label (integer or non-empty text), found " + Cbor.kind(key));
  }

  Cbor toCbor() {
    return isText() ? new Cbor.Text(textLabel) : new Cbor.Int(intLabel);
  }

  /** True for a text label. */
  public boolean isText() {
    return !textLabel.isEmpty();
  }

  /**
   * The integer value.
   *
   * @throws IllegalStateException for a text label
   */
  public long intValue() {
    if (isText()) {
      throw new IllegalStateException("text label " + this);
    }
    return intLabel;
  }

  /**
   * The text value.
   *
   * @throws IllegalStateException for an integer label
   */
  public String textValue() {
    if (!isText()) {
      throw new IllegalStateException("integer label " + this);
    }
    return textLabel;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HeaderLabel h && h.intLabel == intLabel && h.textLabel.equals(textLabel);
  }

  @Override
  public int hashCode() {
    return Objects.hash(intLabel, textLabel);
  }

  /** The integer in decimal, or the text in double quotes. */
  @Override
  public String toString() {
    return isText() ? '"' + textLabel + '"' : Long.toString(intLabel);
  }
}
