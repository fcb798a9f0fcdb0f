package dev.ocitrust.transparency;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** Copying and comparing lists of 32-byte hashes for the proof records. */
final class ProofHashes {
  private ProofHashes() {}

  static List<byte[]> copy(List<byte[]> hashes) {
    List<byte[]> out = new ArrayList<>(hashes.size());
    for (byte[] h : hashes) {
      if (h.length != 32) {
        throw new IllegalArgumentException("a proof hash must be 32 bytes, found " + h.length);
      }
      out.add(h.clone());
    }
    return Collections.unmodifiableList(out);
  }

  static boolean equal(List<byte[]> a, List<byte[]> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!Arrays.equals(a.get(i), b.get(i))) {
        return false;
      }
    }
    return true;
  }

  static int hash(List<byte[]> a) {
    int h = 1;
    for (byte[] x : a) {
      h = h * 31 + Arrays.hashCode(x);
    }
    return h;
  }
}
