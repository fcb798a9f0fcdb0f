/** COSE_Sign1, Notary Project COSE envelopes, SCITT signed statements, RFC 3161 time stamps. */
module dev.ocitrust.cose {
  requires transitive org.jspecify;
  requires org.bouncycastle.provider;
  requires org.bouncycastle.pkix;
  requires org.bouncycastle.util;
  requires transitive java.net.http;
  requires com.fasterxml.jackson.databind;

  exports dev.ocitrust.cose;
}
