/** Trust stores, the Notary Project trust policy and the verification workflow. */
module dev.ocitrust.policy {
  requires transitive dev.ocitrust.client;
  requires transitive dev.ocitrust.cose;
  requires com.fasterxml.jackson.databind;
  requires org.bouncycastle.provider;
  requires org.bouncycastle.pkix;
  requires org.bouncycastle.util;
  requires java.net.http;

  exports dev.ocitrust.policy;
}
