/** Trust stores, the Notary Project trust policy and the verification workflow. */
@SuppressWarnings("module") // dev.ocitrust.claims, named below, is built after this module
module dev.ocitrust.policy {
  requires transitive dev.ocitrust.client;
  requires transitive dev.ocitrust.cose;
  requires com.fasterxml.jackson.databind;
  requires org.bouncycastle.provider;
  requires org.bouncycastle.pkix;
  requires org.bouncycastle.util;
  requires java.net.http;

  exports dev.ocitrust.policy;
  // the claim policy shares the trust policy's grammar (scopes) and bounded file reading
  exports dev.ocitrust.policy.internal to
      dev.ocitrust.claims;
}
