package dev.ocitrust.client.internal.remote;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * {@code NO_PROXY} with the semantics of Go's {@code golang.org/x/net/http/httpproxy}, which oras
 * and notation use: comma-separated entries; {@code *} alone bypasses every host; an IP address or
 * CIDR range matches IP hosts; {@code host} matches the host and its subdomains, {@code .host} and
 * {@code *.host} only subdomains; any entry may end in {@code :port}, which then must match too
 * (the default port of the scheme when the URL has none). Host names compare case-insensitively;
 * names are never resolved. Loopback hosts ({@code localhost}, 127.0.0.0/8, ::1) are never proxied
 * when {@code bypassLoopback} is set, as in Go.
 *
 * <p>Immutable and thread-safe.
 */
public final class NoProxy {
  private final boolean all;
  private final boolean bypassLoopback;
  private final List<Entry> entries;

  private record Entry(
      @Nullable String domain,
      boolean matchHost,
      @Nullable BigInteger network,
      int addressBytes,
      int prefixBits,
      @Nullable String port) {}

  private NoProxy(boolean all, boolean bypassLoopback, List<Entry> entries) {
    this.all = all;
    this.bypassLoopback = bypassLoopback;
    this.entries = List.copyOf(entries);
  }

  /** Parses {@code noProxy} (may be empty). */
  public static NoProxy parse(String noProxy, boolean bypassLoopback) {
    List<Entry> entries = new ArrayList<>();
    for (String raw : noProxy.split(",", -1)) {
      String p = raw.trim().toLowerCase(Locale.ROOT);
      if (p.isEmpty()) {
        continue;
      }
      if (p.equals("*")) {
        return new NoProxy(true, bypassLoopback, List.of());
      }
      int slash = p.indexOf('/');
      if (slash > 0) {
        Optional<byte[]> ip = ipLiteral(p.substring(0, slash));
        Integer bits = bits(p.substring(slash + 1));
        if (ip.isPresent() && bits != null && bits <= ip.get().length * 8) {
          entries.add(new Entry(null, false, number(ip.get()), ip.get().length, bits, null));
        }
        continue;
      }
      String host = p;
      String port = null;
      int colon = p.lastIndexOf(':');
      if (p.startsWith("[") && p.contains("]")) {
        host = p.substring(1, p.indexOf(']'));
        String after = p.substring(p.indexOf(']') + 1);
        port = after.startsWith(":") ? after.substring(1) : null;
      } else if (colon > 0 && p.indexOf(':') == colon) {
        host = p.substring(0, colon);
        port = p.substring(colon + 1);
      }
      if (host.isEmpty()) {
        continue;
      }
      Optional<byte[]> ip = ipLiteral(host);
      if (ip.isPresent()) {
        entries.add(
            new Entry(null, false, number(ip.get()), ip.get().length, ip.get().length * 8, port));
        continue;
      }
      if (host.startsWith("*.")) {
        host = host.substring(1);
      }
      boolean matchHost = false;
      if (!host.startsWith(".")) {
        matchHost = true;
        host = "." + host;
      }
      entries.add(new Entry(host, matchHost, null, 0, 0, port));
    }
    return new NoProxy(false, bypassLoopback, entries);
  }

  /** Whether a request to {@code host} on {@code port} goes without the proxy. */
  public boolean bypass(String host, int port) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    Optional<byte[]> ip = ipLiteral(h);
    if (bypassLoopback && (h.equals("localhost") || ip.map(NoProxy::isLoopback).orElse(false))) {
      return true;
    }
    if (all) {
      return true;
    }
    String p = Integer.toString(port);
    for (Entry e : entries) {
      if (e.port != null && !e.port.equals(p)) {
        continue;
      }
      if (e.network != null) {
        if (ip.isPresent() && inNetwork(ip.get(), e)) {
          return true;
        }
      } else if (e.domain != null
          && (h.endsWith(e.domain) || (e.matchHost && h.equals(e.domain.substring(1))))) {
        return true;
      }
    }
    return false;
  }

  private static @Nullable Integer bits(String s) {
    if (s.isEmpty() || s.length() > 3 || !s.chars().allMatch(Character::isDigit)) {
      return null;
    }
    return Integer.parseInt(s);
  }

  /** The bytes of an IPv4 or IPv6 literal, never resolving a name. */
  static Optional<byte[]> ipLiteral(String s) {
    boolean v4 = s.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    boolean v6 = s.indexOf(':') >= 0 && s.matches("[0-9a-f:.]+");
    if (!v4 && !v6) {
      return Optional.empty();
    }
    if (v4) {
      for (String part : s.split("\\.", -1)) {
        if (Integer.parseInt(part) > 255) {
          return Optional.empty();
        }
      }
    }
    try {
      byte[] a = InetAddress.getByName(s).getAddress();
      if (a.length == 16 && isV4Mapped(a)) {
        byte[] v4bytes = new byte[4];
        System.arraycopy(a, 12, v4bytes, 0, 4);
        return Optional.of(v4bytes);
      }
      return Optional.of(a);
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  private static boolean isV4Mapped(byte[] a) {
    for (int i = 0; i < 10; i++) {
      if (a[i] != 0) {
        return false;
      }
    }
    return a[10] == (byte) 0xff && a[11] == (byte) 0xff;
  }

  private static boolean isLoopback(byte[] ip) {
    if (ip.length == 4) {
      return ip[0] == 127;
    }
    return new BigInteger(1, ip).equals(BigInteger.ONE);
  }

  private static BigInteger number(byte[] ip) {
    return new BigInteger(1, ip);
  }

  private static boolean inNetwork(byte[] ip, Entry e) {
    if (e.network == null || ip.length != e.addressBytes) {
      return false;
    }
    int shift = ip.length * 8 - e.prefixBits;
    return number(ip).shiftRight(shift).equals(e.network.shiftRight(shift));
  }
}
