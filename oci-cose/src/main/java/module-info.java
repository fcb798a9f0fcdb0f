/** COSE_Sign1, Notary Project COSE envelopes, SCITT signed statements, RFC 3161 time stamps. */
@SuppressWarnings("module") // the modules named below are built after this one
module dev.ocitrust.cose {
  requires transitive org.jspecify;
  requires org.bouncycastle.provider;
  requires org.bouncycastle.pkix;
  requires org.bouncycastle.util;
  requires transitive java.net.http;
  requires com.fasterxml.jackson.databind;

  exports dev.ocitrust.cose;
  // the strict CBOR codec, for the modules that speak SCITT on the wire (receipts, SCRAPI)
  exports dev.ocitrust.cose.internal to
      dev.ocitrust.transparency,
      dev.ocitrust.claims;
}
